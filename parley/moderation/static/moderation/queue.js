// Keyboard shortcuts for a moderation queue: j/k move, x select, a approve, r reject,
// f feature, b ban the author. Each key presses the focused comment's own button, so the
// forms (and their CSRF tokens and permission checks) stay the one way to act.
(() => {
  const root = document.querySelector("[data-moderation-queue]");
  if (!root) return;
  const items = [...root.querySelectorAll(".moderation-comment")];
  let current = -1;
  const focus = (index) => {
    if (!items.length) return;
    current = Math.max(0, Math.min(items.length - 1, index));
    for (const item of items) item.classList.remove("is-current");
    items[current].classList.add("is-current");
    items[current].focus();
    items[current].scrollIntoView({ block: "nearest" });
  };
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, textarea, select")) return;
    const key = event.key;
    if (key === "j") return focus(current + 1);
    if (key === "k") return focus(current - 1);
    const item = items[current];
    if (!item) return;
    if (key === "x") {
      const box = item.querySelector('input[type="checkbox"]');
      if (box) box.checked = !box.checked;
      return;
    }
    const button = item.querySelector(`button[data-key="${key}"]`);
    if (!button) return;
    if (key === "r") {
      const reason = item.querySelector('input[name="reason"]');
      if (reason && !reason.value) {
        reason.focus();
        return; // type the reason the author will read, then press Enter
      }
    }
    if (key === "b" && !window.confirm("Ban this comment's author?")) return;
    event.preventDefault();
    button.click();
  });
})();
