// Comment counts on listing pages: every card's count in one request to /api/v1/counts.
// Loaded as a module from each card; a module runs once per page however often it is named.
const links = [...document.querySelectorAll("a[data-comment-count][data-page-id]")];
const pages = [...new Set(links.map((link) => Number(link.dataset.pageId)))].filter(Number.isInteger);

if (pages.length) {
  fetch("/api/v1/counts", {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({ pages: pages.slice(0, 500) }),
  })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => {
      if (!data || !data.pages) return;
      for (const link of links) {
        const count = data.pages[link.dataset.pageId];
        if (!count) continue; // no discussion yet, or an empty one: say nothing
        link.textContent = `${count.toLocaleString("en-GB")} ${count === 1 ? "comment" : "comments"}`;
        link.before(" · ");
        link.hidden = false;
      }
    })
    .catch(() => {
      // Counts are a nicety; a listing without them is still complete.
    });
}
