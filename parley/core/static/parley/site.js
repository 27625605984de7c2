// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

function enhanceShortUrl(root) {
  for (const button of root.querySelectorAll("[data-copy-target]")) {
    const input = document.getElementById(button.dataset.copyTarget);
    const status = button.parentElement.querySelector(".shorturl__status");
    button.hidden = false;
    button.addEventListener("click", async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
        status.textContent = "Copied to the clipboard.";
      } catch {
        status.textContent = "Press Ctrl+C (or ⌘C) to copy.";
      }
    });
  }
  for (const details of root.querySelectorAll("details.shorturl")) {
    details.addEventListener("toggle", () => {
      if (details.open) details.querySelector("input").select();
    });
    details.addEventListener("keydown", (event) => {
      if (event.key === "Escape") {
        details.open = false;
        details.querySelector("summary").focus();
      }
    });
  }
}

function enhanceEmbeds(root) {
  for (const frame of root.querySelectorAll("[data-embed-src]")) {
    const button = frame.querySelector(".embed__play");
    button.hidden = false;
    button.addEventListener("click", () => {
      const iframe = document.createElement("iframe");
      iframe.src = frame.dataset.embedSrc;
      iframe.title = frame.dataset.embedTitle;
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      frame.replaceChildren(iframe);
      iframe.focus();
    });
  }
}

document.addEventListener("DOMContentLoaded", () => {
  enhanceShortUrl(document);
  enhanceEmbeds(document);
});
