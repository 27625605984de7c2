// <parley-thread>: the discussion under an article, enhanced in place.
//
// thread.html renders a complete discussion that works with plain forms and links; this
// element takes over the same markup so posting, replying, liking, editing, deleting, paging
// and "show more replies" happen through the JSON API without a reload. Reader text reaches
// the page only through textContent and attributes; the one HTML string inserted is a
// comment's `html`, which the server sanitised when it was written (the API documents it as
// safe to insert as is).
(() => {
  "use strict";

  const TOMBSTONE = "This comment was deleted.";
  const REMOVED = "This comment was removed by a moderator.";
  const HEART =
    "M12 20.5s-7.5-4.6-9.3-9.2C1.4 7.9 3.6 4.5 7 4.5c2 0 3.7 1.1 5 2.9 " +
    "1.3-1.8 3-2.9 5-2.9 3.4 0 5.6 3.4 4.3 6.8-1.8 4.6-9.3 9.2-9.3 9.2z";
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const LONG_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
  ];

  class ApiError extends Error {
    constructor(code, message, status = 0) {
      super(message);
      this.code = code;
      this.status = status;
    }
  }

  /** An element with attributes and children; strings become text nodes, never markup. */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "class") el.className = value;
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child !== null && child !== undefined && child !== false) el.append(child);
    }
    return el;
  }

  function heartIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", HEART);
    svg.append(path);
    return svg;
  }

  function hueClass(hue) {
    const degrees = (((Number(hue) || 0) % 360) + 360) % 360;
    return `avatar--h${Math.floor((degrees * 12) / 360)}`;
  }

  function plural(count, one, many) {
    return `${count.toLocaleString("en-GB")} ${count === 1 ? one : many}`;
  }

  function csrfToken(root) {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const input = root.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  const LIVE_KINDS = ["comment.created", "comment.edited", "comment.removed", "comment.liked", "thread.changed", "reset"];

  class ParleyThread extends HTMLElement {
    connectedCallback() {
      if (!this.enhanced) this.setUp();
      this.refreshTimes();
      this.timer = setInterval(() => this.refreshTimes(), 30_000);
      window.addEventListener("hashchange", this.onHashChange);
    }

    disconnectedCallback() {
      clearInterval(this.timer);
      this.stopLive();
      window.removeEventListener("hashchange", this.onHashChange);
    }

    /** Once per element: read its settings, wire its markup, listen (delegated) for events. */
    setUp() {
      this.enhanced = true;
      const data = this.dataset;
      this.threadId = data.threadId;
      this.apiRoot = data.api || "/api/v1";
      this.sort = data.sort || "newest";
      this.visibleDepth = Number(data.visibleDepth || 3);
      this.editSeconds = Number(data.editSeconds || 0);
      this.maxLength = data.maxLength || "";
      this.zone = data.zone || undefined;
      this.signedIn = this.hasAttribute("data-signed-in");
      this.closed = this.hasAttribute("data-closed");
      this.loginUrl = data.loginUrl || "/accounts/login/";
      this.standardsUrl = data.standardsUrl || "";
      this.list = this.querySelector("[data-comments]");
      this.live = this.querySelector("[data-live]");
      this.sources = new Map(); // comment id -> Markdown we know (what this reader wrote here)
      this.storageKey = `parley:hidden:${location.pathname}`;
      this.hiddenIds = this.loadHidden();

      for (const link of this.querySelectorAll("a[data-more], a[data-more-replies]")) {
        this.linkToButton(link);
      }
      for (const li of this.querySelectorAll("li.comment")) this.enhance(li);
      this.addEventListener("click", (event) => this.onClick(event));
      this.addEventListener("submit", (event) => this.onSubmit(event));
      this.addEventListener("keydown", (event) => this.onKeydown(event));
      this.onHashChange = () => this.followHash();
      this.followHash();
      this.startLive();
    }

    // The API ----------------------------------------------------------------------------

    async api(method, path, body) {
      const headers = { Accept: "application/json" };
      const init = { method, headers, credentials: "same-origin" };
      if (body !== undefined) {
        headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      if (method !== "GET") headers["X-CSRFToken"] = csrfToken(this);
      let response;
      try {
        response = await fetch(this.apiRoot + path, init);
      } catch {
        throw new ApiError("network", "We could not reach Parley. Check your connection and try again.");
      }
      if (response.status === 204) return null;
      let data = null;
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      if (!response.ok) {
        const message = (data && data.message) || `Something went wrong (error ${response.status}). Please try again.`;
        throw new ApiError((data && data.code) || "error", message, response.status);
      }
      return data;
    }

    // Rendering a comment from its JSON node (the same markup as comment.html) --------------

    render(node, target = null) {
      const classes = ["comment"];
      if (node.tombstone) classes.push("comment--deleted");
      if (node.status === "held") classes.push("comment--held");
      if (target !== null && node.id === target) classes.push("comment--target");
      const li = h("li", {
        class: classes.join(" "),
        id: `comment-${node.id}`,
        "data-id": node.id,
        "data-depth": node.depth,
        "data-parent-id": node.parent_id ?? "",
        "data-status": node.status,
        "data-own": node.own,
      });
      const main = h("article", { class: "comment__main", tabindex: "-1" });
      li.append(main);
      if (node.tombstone) {
        this.fillTombstone(main, node.status === "removed" ? REMOVED : TOMBSTONE);
      } else {
        main.append(
          node.author.url
            ? h("img", { class: "avatar avatar--image", src: node.author.url, width: 40, height: 40, alt: "" })
            : h("div", { class: `avatar ${hueClass(node.author.hue)}`, "aria-hidden": "true" }, node.author.initial),
          this.renderContent(node),
        );
      }
      if (node.replies && node.replies.length) {
        const list = h("ol", { class: "comment__replies" });
        for (const reply of node.replies) list.append(this.render(reply, target));
        li.append(list);
      }
      if (node.more_replies > 0) {
        li.append(this.moreRepliesButton(node.id, node.replies_cursor || "", node.more_replies));
      }
      return li;
    }

    renderContent(node) {
      const when = new Date(node.created_at);
      const meta = h(
        "header",
        { class: "comment__meta" },
        h("span", { class: "comment__author" }, node.author.name),
        node.in_reply_to
          ? h(
              "span",
              { class: "comment__reply-to" },
              "in reply to ",
              h("a", { href: `#comment-${node.in_reply_to.id}` }, node.in_reply_to.name),
            )
          : null,
        h(
          "a",
          { class: "comment__time", href: `?comment=${node.id}#comment-${node.id}` },
          h("time", { datetime: node.created_at, title: this.exactTime(when) }, this.relativeTime(when)),
        ),
        node.edited ? h("span", { class: "comment__edited" }, "(edited)") : null,
        node.featured ? h("span", { class: "comment__featured" }, "Featured") : null,
        node.before_update ? h("span", { class: "comment__note" }, "written before the article was updated") : null,
      );
      const body = h("div", { class: "comment__body" });
      body.innerHTML = node.html; // sanitised by the server (see the note at the top)
      return h(
        "div",
        { class: "comment__content" },
        meta,
        this.renderStatus(node),
        body,
        this.renderPreviews(node),
        this.renderActions(node),
      );
    }

    /** Why the author's own comment is not public, as comment.html says it. */
    renderStatus(node) {
      const heading = { held: "Awaiting review.", rejected: "Removed by a moderator; only you can see it." }[node.status];
      if (!heading) return null;
      const link = this.standardsUrl ? [" ", h("a", { href: this.standardsUrl }, "Community standards")] : [];
      return h("p", { class: "comment__status" }, h("strong", {}, heading), ` ${node.status_reason || ""}`, ...link);
    }

    /** The cards of a comment's links (previews/preview.html's markup), or null if none. */
    renderPreviews(node) {
      const cards = (node.previews || []).filter((card) => /^https?:\/\//i.test(card.url));
      if (!cards.length) return null;
      return h(
        "div",
        { class: "comment__previews" },
        cards.map((card) =>
          h(
            "a",
            { class: "link-preview", href: card.url, rel: "nofollow ugc noopener", referrerpolicy: "no-referrer" },
            card.image_url
              ? h("img", {
                  class: "link-preview__image",
                  src: card.image_url,
                  width: card.image_width,
                  height: card.image_height,
                  alt: "",
                  loading: "lazy",
                  decoding: "async",
                })
              : null,
            h(
              "span",
              { class: "link-preview__text" },
              h(
                "span",
                { class: "link-preview__source" },
                h("span", { class: "link-preview__url" }, card.display_url),
                card.site_name
                  ? [
                      h("span", { class: "link-preview__bar", "aria-hidden": "true" }, " | "),
                      h("span", { class: "link-preview__site" }, card.site_name),
                    ]
                  : null,
              ),
              card.title ? h("span", { class: "link-preview__title" }, card.title) : null,
            ),
          ),
        ),
      );
    }

    /** Replace a comment's cards with those of a fresher node of it. */
    showPreviews(content, node) {
      content.querySelector(":scope > .comment__previews")?.remove();
      const cards = this.renderPreviews(node);
      if (cards) content.querySelector(":scope > .comment__body").after(cards);
    }

    renderActions(node) {
      const actions = h("div", { class: "comment__actions" });
      const here = encodeURIComponent(location.pathname + location.search);
      if (!this.closed) {
        if (!this.signedIn) {
          actions.append(h("a", { class: "action", href: `${this.loginUrl}%23comment-${node.id}` }, "Reply"));
        } else if (node.status === "published" || node.own) {
          actions.append(this.replyButton(node.id));
        }
      }
      if (node.status === "published") {
        if (!this.signedIn || node.own) {
          if (node.like_count) {
            actions.append(
              h(
                "span",
                { class: "likes" },
                heartIcon(),
                " ",
                h("span", { "data-like-count": true }, String(node.like_count)),
                h("span", { class: "visually-hidden" }, node.like_count === 1 ? " like" : " likes"),
              ),
            );
          }
        } else {
          actions.append(
            h(
              "form",
              {
                class: "comment__like",
                method: "post",
                action: `/discussion/comments/${node.id}/like`,
                "data-form": "like",
              },
              h(
                "button",
                { class: "action action--like", type: "submit", "aria-pressed": node.liked ? "true" : "false" },
                heartIcon(),
                " Like ",
                h("span", { class: "like-count", "data-like-count": true }, node.like_count ? String(node.like_count) : ""),
              ),
            ),
          );
        }
      }
      if (node.own && !node.tombstone) {
        if (this.editOpen(node.created_at)) {
          actions.append(
            h(
              "a",
              { class: "action", href: `/discussion/comments/${node.id}/edit?next=${here}`, "data-action": "edit" },
              "Edit",
            ),
          );
        }
        actions.append(
          h(
            "a",
            { class: "action", href: `/discussion/comments/${node.id}/delete?next=${here}`, "data-action": "delete" },
            "Delete",
          ),
        );
      }
      if (this.signedIn && !node.own && node.status === "published") {
        // The report form is its own page (moderation/report.html), with or without script.
        actions.append(
          h(
            "a",
            { class: "action", href: `/moderation/comments/${node.id}/report?next=${here}`, "data-action": "report" },
            "Report",
          ),
        );
      }
      return actions;
    }

    fillTombstone(main, text = TOMBSTONE) {
      main.replaceChildren(
        h("div", { class: "avatar avatar--none", "aria-hidden": "true" }),
        h(
          "div",
          { class: "comment__content" },
          h("header", { class: "comment__meta" }, h("span", { class: "comment__tombstone" }, text)),
        ),
      );
    }

    replyButton(id) {
      return h(
        "button",
        {
          type: "button",
          class: "action",
          "data-action": "reply",
          "aria-expanded": "false",
          "aria-controls": `reply-slot-${id}`,
        },
        "Reply",
      );
    }

    moreRepliesButton(rootId, cursor, remaining) {
      const button = h("button", {
        type: "button",
        class: "comment__more action",
        "data-more-replies": true,
        "data-root-id": rootId,
        "data-cursor": cursor,
        "data-remaining": remaining,
      });
      this.labelMoreReplies(button, remaining);
      return button;
    }

    labelMoreReplies(button, remaining) {
      button.dataset.remaining = String(remaining);
      button.textContent = `Show ${plural(remaining, "more reply", "more replies")}`;
    }

    /** A link that works without JavaScript becomes a button that loads in place. */
    linkToButton(link) {
      const button = h("button", { type: "button", class: link.className });
      for (const [key, value] of Object.entries(link.dataset)) button.dataset[key] = value;
      button.textContent = link.textContent;
      if (link.hasAttribute("data-more-replies")) button.classList.add("action");
      link.replaceWith(button);
      return button;
    }

    /** Wire one comment (server-rendered or new): reply button, reply slot, hide toggle. */
    enhance(li) {
      const content = li.querySelector(":scope > .comment__main > .comment__content");
      const details = content && content.querySelector(":scope > .comment__actions > details.comment__reply");
      if (details) details.replaceWith(this.replyButton(li.dataset.id));
      if (content && content.querySelector(':scope > .comment__actions > [data-action="reply"]')) {
        if (!content.querySelector(":scope > .comment__reply-slot")) {
          content.append(h("div", { class: "comment__reply-slot", id: `reply-slot-${li.dataset.id}` }));
        }
      }
      this.ensureToggle(li);
    }

    enhanceTree(li) {
      this.enhance(li);
      for (const inner of li.querySelectorAll("li.comment")) this.enhance(inner);
    }

    // Placing nodes ----------------------------------------------------------------------

    find(id) {
      const el = document.getElementById(`comment-${id}`);
      return el && this.contains(el) ? el : null;
    }

    repliesOf(li) {
      let list = li.querySelector(":scope > .comment__replies");
      if (!list) {
        list = h("ol", { class: "comment__replies" });
        const more = li.querySelector(":scope > .comment__more");
        li.insertBefore(list, more);
      }
      return list;
    }

    /**
     * Put a node where the server would have rendered it; null if it is already on the page
     * or its parent is not. Replies past the visible depth hang, flat and in reading order,
     * under their ancestor at that depth: right after their parent and its replies there.
     */
    place(node, { fresh = false } = {}) {
      if (this.find(node.id)) return null;
      const li = this.render(node);
      if (!node.parent_id) {
        const atEnd = !fresh || (this.sort === "oldest" && !this.querySelector("[data-more]"));
        if (atEnd) this.list.append(li);
        else this.list.prepend(li);
        const empty = this.querySelector("[data-empty]");
        if (empty) empty.remove();
      } else {
        const holder = this.find(node.display_parent_id ?? node.parent_id) || this.find(node.parent_id);
        if (!holder) return null;
        if (Number(holder.dataset.depth) <= this.visibleDepth) {
          this.repliesOf(holder).append(li);
        } else {
          const family = new Set([holder.dataset.id]);
          let next = holder.nextElementSibling;
          while (next && family.has(next.dataset.parentId)) {
            family.add(next.dataset.id);
            next = next.nextElementSibling;
          }
          holder.parentElement.insertBefore(li, next);
        }
      }
      this.enhanceTree(li);
      for (let up = li.parentElement.closest("li.comment"); up; up = up.parentElement.closest("li.comment")) {
        this.ensureToggle(up);
      }
      return li;
    }

    // Events -----------------------------------------------------------------------------

    onClick(event) {
      const el = event.target.closest("button, a");
      if (!el || !this.contains(el)) return;
      const li = el.closest("li.comment");
      const action = el.dataset.action;
      if (action === "reply") this.toggleReply(li, el);
      else if (action === "cancel-reply") this.closeReply(li, true);
      else if (action === "edit") {
        event.preventDefault();
        this.startEdit(li, el);
      } else if (action === "cancel-edit") this.endEdit(li, true);
      else if (action === "delete") {
        event.preventDefault();
        this.askDelete(li);
      } else if (action === "cancel-delete") this.closeConfirm(li, true);
      else if (action === "confirm-delete") this.deleteComment(li, el);
      else if (el.hasAttribute("data-toggle")) this.setCollapsed(li, el.getAttribute("aria-expanded") === "true");
      else if (el.hasAttribute("data-more")) this.loadMore(el);
      else if (el.hasAttribute("data-more-replies")) this.loadReplies(el);
      else if (el.hasAttribute("data-sort")) {
        event.preventDefault();
        this.changeSort(el);
      } else if (el.matches('a[href^="#comment-"]')) {
        const id = el.getAttribute("href").slice("#comment-".length);
        const target = this.find(id);
        if (target) {
          event.preventDefault();
          history.pushState(null, "", `#comment-${id}`);
          this.reveal(target);
        }
        // Otherwise the hashchange fetches the comment's branch.
      }
    }

    onSubmit(event) {
      const form = event.target;
      const kind = form.dataset.form;
      if (!["post", "reply", "like", "edit"].includes(kind)) return;
      event.preventDefault();
      if (kind === "like") this.like(form);
      else if (kind === "edit") this.saveEdit(form);
      else this.postComment(form);
    }

    onKeydown(event) {
      const field = event.target;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && field.matches("textarea")) {
        event.preventDefault();
        field.form.requestSubmit();
      } else if (event.key === "Escape" && field.closest(".reply-form")) {
        this.closeReply(field.closest("li.comment"), true);
      } else if (event.key === "Escape" && field.closest(".edit-form")) {
        this.endEdit(field.closest("li.comment"), true);
      }
    }

    // Posting and replying ---------------------------------------------------------------

    showError(form, message) {
      let alert = form.querySelector("[data-error]");
      if (!alert) {
        alert = h("p", { class: "notice notice--error", role: "alert", "data-error": true, hidden: true });
        form.querySelector("textarea").after(alert);
      }
      alert.textContent = message || "";
      alert.hidden = !message;
      const field = form.querySelector("textarea");
      if (message) field.setAttribute("aria-invalid", "true");
      else field.removeAttribute("aria-invalid");
    }

    busy(form, on) {
      for (const button of form.querySelectorAll("button")) button.disabled = on;
      form.setAttribute("aria-busy", on ? "true" : "false");
    }

    async postComment(form) {
      const field = form.querySelector("textarea");
      const body = field.value;
      const parentInput = form.querySelector('input[name="parent_id"]');
      const parentId = parentInput ? Number(parentInput.value) : null;
      if (!body.trim()) {
        this.showError(form, "Write something before posting.");
        field.focus();
        return;
      }
      this.busy(form, true);
      try {
        const node = await this.api("POST", `/threads/${this.threadId}/comments`, {
          body,
          parent_id: parentId,
        });
        this.sources.set(String(node.id), body);
        field.value = "";
        this.showError(form, "");
        const li = this.place(node, { fresh: true });
        // The live event carries the true count; if it came first, it counted this one.
        if (node.status === "published" && !this.heard("comment.created", node.id)) this.bumpCount(1);
        if (this.pendingTop) this.forgetPending(String(node.id)); // announced before our answer came
        const published = node.status === "published";
        this.announce(published ? (parentId ? "Reply posted." : "Comment posted.") : "Your comment is waiting for review.");
        if (parentId) this.closeReply(this.find(parentId), false);
        if (li) {
          li.classList.add("comment--new");
          li.scrollIntoView({ block: "nearest" });
          if (parentId) li.querySelector(".comment__main").focus({ preventScroll: true });
        }
      } catch (error) {
        this.showError(form, error.message);
        field.focus();
      } finally {
        this.busy(form, false);
      }
    }

    toggleReply(li, button) {
      if (button.getAttribute("aria-expanded") === "true") {
        this.closeReply(li, true);
        return;
      }
      const slot = li.querySelector(":scope > .comment__main .comment__reply-slot");
      const id = li.dataset.id;
      const author = li.querySelector(":scope > .comment__main .comment__author");
      const fieldId = `reply-body-${id}`;
      const form = h(
        "form",
        {
          class: "reply-form",
          method: "post",
          action: `/discussion/threads/${this.threadId}/comment`,
          "data-form": "reply",
        },
        h("input", { type: "hidden", name: "parent_id", value: id }),
        h("label", { for: fieldId }, `Reply to ${author ? author.textContent : "this comment"}`),
        h("textarea", { id: fieldId, class: "field", name: "body", rows: "3", maxlength: this.maxLength || null, required: true }),
        h(
          "div",
          { class: "reply-form__actions" },
          h("button", { class: "button button--small", type: "submit" }, "Post reply"),
          h("button", { class: "action", type: "button", "data-action": "cancel-reply" }, "Cancel"),
        ),
      );
      slot.replaceChildren(form);
      button.setAttribute("aria-expanded", "true");
      form.querySelector("textarea").focus();
    }

    closeReply(li, refocus) {
      if (!li) return;
      const slot = li.querySelector(":scope > .comment__main .comment__reply-slot");
      const button = li.querySelector(':scope > .comment__main [data-action="reply"]');
      if (slot) slot.replaceChildren();
      if (button) {
        button.setAttribute("aria-expanded", "false");
        if (refocus) button.focus();
      }
    }

    // Likes ------------------------------------------------------------------------------

    async like(form) {
      const li = form.closest("li.comment");
      const button = form.querySelector("button");
      button.disabled = true;
      try {
        const result = await this.api("POST", `/comments/${li.dataset.id}/like`);
        button.setAttribute("aria-pressed", result.liked ? "true" : "false");
        form.querySelector("[data-like-count]").textContent = result.like_count ? String(result.like_count) : "";
        this.announce(result.liked ? "Liked." : "Like taken back.");
      } catch (error) {
        this.commentError(li, error.message);
      } finally {
        button.disabled = false;
        button.focus();
      }
    }

    commentError(li, message) {
      const content = li.querySelector(":scope > .comment__main > .comment__content");
      let alert = content.querySelector(":scope > [data-comment-error]");
      if (!alert) {
        alert = h("p", { class: "notice notice--error", role: "alert", "data-comment-error": true });
        content.append(alert);
      }
      alert.textContent = message;
    }

    // Editing ----------------------------------------------------------------------------

    editOpen(createdAt) {
      return Date.now() - new Date(createdAt).getTime() < this.editSeconds * 1000;
    }

    /** The Markdown of the reader's own comment, from the no-JavaScript edit page. */
    async fetchSource(link) {
      let response;
      try {
        response = await fetch(link.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
      } catch {
        throw new ApiError("network", "We could not reach Parley. Check your connection and try again.");
      }
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const field = page.querySelector('textarea[name="body"]');
      if (!response.ok || !field) {
        const notice = page.querySelector(".notice--error");
        throw new ApiError("edit", notice ? notice.textContent.trim() : "This comment can no longer be edited.");
      }
      return field.value;
    }

    async startEdit(li, link) {
      const content = li.querySelector(":scope > .comment__main > .comment__content");
      const existing = content.querySelector(":scope > .edit-form");
      if (existing) {
        existing.querySelector("textarea").focus();
        return;
      }
      const id = li.dataset.id;
      let source = this.sources.get(id);
      if (source === undefined) {
        try {
          link.setAttribute("aria-busy", "true");
          source = await this.fetchSource(link);
        } catch (error) {
          this.commentError(li, error.message);
          return;
        } finally {
          link.removeAttribute("aria-busy");
        }
      }
      const fieldId = `edit-body-${id}`;
      const field = h("textarea", { id: fieldId, class: "field", name: "body", rows: "4", maxlength: this.maxLength || null, required: true });
      field.value = source;
      const form = h(
        "form",
        { class: "edit-form", method: "post", action: link.href, "data-form": "edit" },
        h("label", { for: fieldId }, "Edit your comment"),
        field,
        h(
          "div",
          { class: "edit-form__actions" },
          h("button", { class: "button button--small", type: "submit" }, "Save changes"),
          h("button", { class: "action", type: "button", "data-action": "cancel-edit" }, "Cancel"),
        ),
      );
      content.querySelector(":scope > .comment__body").hidden = true;
      content.querySelector(":scope > .comment__actions").hidden = true;
      content.querySelector(":scope > .comment__body").after(form);
      field.focus();
      field.setSelectionRange(field.value.length, field.value.length);
    }

    endEdit(li, refocus) {
      const content = li.querySelector(":scope > .comment__main > .comment__content");
      const form = content.querySelector(":scope > .edit-form");
      if (form) form.remove();
      content.querySelector(":scope > .comment__body").hidden = false;
      content.querySelector(":scope > .comment__actions").hidden = false;
      if (refocus) {
        const edit = content.querySelector('[data-action="edit"]');
        (edit || li.querySelector(".comment__main")).focus();
      }
    }

    async saveEdit(form) {
      const li = form.closest("li.comment");
      const field = form.querySelector("textarea");
      if (!field.value.trim()) {
        this.showError(form, "Write something before saving.");
        field.focus();
        return;
      }
      this.busy(form, true);
      try {
        const node = await this.api("PATCH", `/comments/${li.dataset.id}`, { body: field.value });
        this.sources.set(li.dataset.id, field.value);
        const content = li.querySelector(":scope > .comment__main > .comment__content");
        content.querySelector(":scope > .comment__body").innerHTML = node.html; // sanitised by the server
        this.showPreviews(content, node);
        const meta = content.querySelector(":scope > .comment__meta");
        if (node.edited && !meta.querySelector(".comment__edited")) {
          meta.querySelector(".comment__time").after(h("span", { class: "comment__edited" }, "(edited)"));
        }
        this.endEdit(li, true);
        this.announce("Comment updated.");
      } catch (error) {
        this.showError(form, error.message);
        this.busy(form, false);
        field.focus();
      }
    }

    // Deleting ---------------------------------------------------------------------------

    askDelete(li) {
      const content = li.querySelector(":scope > .comment__main > .comment__content");
      let confirm = content.querySelector(":scope > .comment__confirm");
      if (!confirm) {
        const label = `delete-label-${li.dataset.id}`;
        confirm = h(
          "div",
          { class: "comment__confirm", role: "group", "aria-labelledby": label },
          h("p", { id: label }, "Delete this comment? This cannot be undone."),
          h("button", { class: "button button--small button--danger", type: "button", "data-action": "confirm-delete" }, "Delete comment"),
          h("button", { class: "action", type: "button", "data-action": "cancel-delete" }, "Keep it"),
        );
        content.querySelector(":scope > .comment__actions").after(confirm);
      }
      confirm.querySelector('[data-action="cancel-delete"]').focus();
    }

    closeConfirm(li, refocus) {
      const confirm = li.querySelector(":scope > .comment__main .comment__confirm");
      if (confirm) confirm.remove();
      if (refocus) {
        const link = li.querySelector(':scope > .comment__main [data-action="delete"]');
        if (link) link.focus();
      }
    }

    async deleteComment(li, button) {
      button.disabled = true;
      try {
        await this.api("DELETE", `/comments/${li.dataset.id}`);
      } catch (error) {
        button.disabled = false;
        this.commentError(li, error.message);
        return;
      }
      if (li.dataset.status === "published" && !this.heard("comment.removed", li.dataset.id)) this.bumpCount(-1);
      this.announce("Comment deleted.");
      if (li.querySelector(":scope > .comment__replies > li, :scope > .comment__more")) {
        // Replies keep their place under a tombstone, as the server will show it.
        li.classList.add("comment--deleted");
        li.classList.remove("comment--held");
        li.dataset.status = "deleted";
        li.removeAttribute("data-own");
        this.fillTombstone(li.querySelector(":scope > .comment__main"));
        this.ensureToggle(li);
        li.querySelector(".comment__main").focus();
      } else {
        this.removeComment(li);
      }
    }

    removeComment(li) {
      const parent = li.parentElement.closest("li.comment");
      const focusTo = li.nextElementSibling || li.previousElementSibling || parent;
      li.remove();
      if (parent) {
        const list = parent.querySelector(":scope > .comment__replies");
        if (list && !list.children.length) list.remove();
        // A tombstone stays only while it has replies to show.
        if (["deleted", "removed"].includes(parent.dataset.status) && !parent.querySelector(":scope > .comment__replies, :scope > .comment__more")) {
          this.removeComment(parent);
          return;
        }
        this.ensureToggle(parent);
      }
      if (focusTo && focusTo.isConnected) (focusTo.querySelector(".comment__main") || focusTo).focus();
    }

    bumpCount(delta) {
      const count = this.querySelector("[data-count]");
      if (count) this.setCount(Math.max(0, Number(count.textContent) + delta));
    }

    setCount(total) {
      if (!Number.isFinite(total)) return;
      // The thread's own heading and the "Discussion (N)" link above it, in the article.
      for (const count of [this.querySelector("[data-count]"), ...document.querySelectorAll("[data-discussion-count]")]) {
        if (count) count.textContent = String(total);
      }
    }

    // Hiding and showing a branch -------------------------------------------------------

    loadHidden() {
      try {
        return new Set(JSON.parse(sessionStorage.getItem(this.storageKey) || "[]").map(String));
      } catch {
        return new Set();
      }
    }

    saveHidden() {
      try {
        sessionStorage.setItem(this.storageKey, JSON.stringify([...this.hiddenIds]));
      } catch {
        // Private modes may refuse storage; hiding still works for this page view.
      }
    }

    ensureToggle(li) {
      const meta = li.querySelector(":scope > .comment__main .comment__meta");
      if (!meta) return;
      const hasReplies = li.querySelector(":scope > .comment__replies > li, :scope > .comment__more");
      let button = meta.querySelector(":scope > [data-toggle]");
      if (hasReplies && !button) {
        button = h("button", { type: "button", class: "comment__toggle", "data-toggle": true, "aria-expanded": "true" }, "Hide comment");
        meta.append(h("span", { class: "comment__hidden-note" }), button);
        if (this.hiddenIds.has(li.dataset.id)) this.setCollapsed(li, true, false);
      } else if (!hasReplies && button) {
        button.remove();
        meta.querySelector(":scope > .comment__hidden-note")?.remove();
        li.classList.remove("comment--collapsed");
      }
    }

    setCollapsed(li, collapsed, remember = true) {
      const meta = li.querySelector(":scope > .comment__main .comment__meta");
      const button = meta.querySelector(":scope > [data-toggle]");
      if (!button) return;
      li.classList.toggle("comment--collapsed", collapsed);
      button.setAttribute("aria-expanded", collapsed ? "false" : "true");
      button.textContent = collapsed ? "Show comment" : "Hide comment";
      const note = meta.querySelector(":scope > .comment__hidden-note");
      if (note) {
        const more = li.querySelector(":scope > .comment__more");
        const count = li.querySelectorAll(":scope > .comment__replies li.comment").length + Number(more ? more.dataset.remaining : 0);
        note.textContent = collapsed ? `${plural(count, "reply", "replies")} hidden` : "";
      }
      if (remember) {
        if (collapsed) this.hiddenIds.add(li.dataset.id);
        else this.hiddenIds.delete(li.dataset.id);
        this.saveHidden();
      }
    }

    // Paging -----------------------------------------------------------------------------

    threadError(message) {
      let alert = this.querySelector(":scope > [data-thread-error]");
      if (!alert) {
        alert = h("p", { class: "notice notice--error", role: "alert", "data-thread-error": true });
        this.list.after(alert);
      }
      alert.textContent = message;
    }

    clearThreadError() {
      this.querySelector(":scope > [data-thread-error]")?.remove();
    }

    setMoreButton(cursor) {
      let holder = this.querySelector(":scope > .thread__more");
      if (!cursor) {
        if (holder) holder.remove();
        return;
      }
      if (!holder) {
        holder = h("p", { class: "thread__more" }, h("button", { type: "button", class: "more-button", "data-more": true }, "Show more comments"));
        this.list.after(holder);
      }
      holder.querySelector("[data-more]").dataset.cursor = cursor;
    }

    async loadMore(button) {
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
      try {
        const query = new URLSearchParams({ sort: this.sort, cursor: button.dataset.cursor });
        const page = await this.api("GET", `/threads/${this.threadId}/comments?${query}`);
        let added = 0;
        let first = null;
        for (const node of page.comments) {
          const li = this.place(node);
          if (li) {
            added += 1;
            first = first || li;
          }
        }
        this.clearThreadError();
        this.setCount(page.thread.comment_count);
        this.setMoreButton(page.next_cursor);
        this.announce(added ? `${plural(added, "more comment", "more comments")} shown.` : "No more comments.");
        if (!page.next_cursor && first) first.querySelector(".comment__main").focus({ preventScroll: true });
      } catch (error) {
        this.threadError(error.message);
      } finally {
        button.removeAttribute("aria-busy");
      }
    }

    async loadReplies(button) {
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
      const root = button.closest("li.comment");
      try {
        const query = button.dataset.cursor ? `?${new URLSearchParams({ cursor: button.dataset.cursor })}` : "";
        const data = await this.api("GET", `/comments/${button.dataset.rootId}/replies${query}`);
        let added = 0;
        for (const node of data.replies) {
          const li = this.place(node);
          if (li) added += 1 + li.querySelectorAll("li.comment").length;
        }
        const remaining = Number(button.dataset.remaining) - added;
        if (data.next_cursor && remaining > 0) {
          button.dataset.cursor = data.next_cursor;
          this.labelMoreReplies(button, remaining);
          button.removeAttribute("aria-busy");
        } else {
          button.remove();
          root.querySelector(".comment__main").focus({ preventScroll: true });
        }
        this.announce(`${plural(added, "more reply", "more replies")} shown.`);
      } catch (error) {
        button.removeAttribute("aria-busy");
        this.commentError(root, error.message);
      }
    }

    async changeSort(link) {
      const sort = link.dataset.sort;
      try {
        const page = await this.api("GET", `/threads/${this.threadId}/comments?${new URLSearchParams({ sort })}`);
        this.sort = sort;
        this.list.replaceChildren();
        for (const node of page.comments) this.place(node);
        this.setCount(page.thread.comment_count);
        this.setMoreButton(page.next_cursor);
        for (const other of this.querySelectorAll("[data-sort]")) {
          if (other.dataset.sort === sort) other.setAttribute("aria-current", "true");
          else other.removeAttribute("aria-current");
        }
        this.clearThreadError();
        history.replaceState(null, "", `${location.pathname}?${new URLSearchParams({ sort })}#discussion`);
        this.announce(`Comments sorted by ${link.textContent.trim().toLowerCase()}.`);
      } catch (error) {
        this.threadError(error.message);
      }
    }

    // Permalinks -------------------------------------------------------------------------

    async followHash() {
      const match = location.hash.match(/^#comment-(\d+)$/);
      if (!match) return;
      const found = this.find(match[1]);
      if (found) {
        this.reveal(found);
        return;
      }
      try {
        const data = await this.api("GET", `/comments/${match[1]}/branch`);
        this.showLinked(data);
      } catch (error) {
        this.threadError(error.status === 404 ? "The comment you followed a link to is no longer available." : error.message);
      }
    }

    showLinked(data) {
      let section = this.querySelector("[data-linked]");
      if (!section) {
        section = h(
          "section",
          { class: "thread__linked", "aria-labelledby": "linked-heading", "data-linked": true },
          h("h3", { id: "linked-heading", class: "thread__subheading" }, "Linked comment"),
          h("ol", { class: "comments" }),
        );
        this.list.before(section);
      }
      this.find(data.branch.id)?.remove(); // shown whole in the linked section instead
      const li = this.render(data.branch, data.comment_id);
      section.querySelector("ol").replaceChildren(li);
      this.enhanceTree(li);
      const target = this.find(data.comment_id);
      if (target) this.reveal(target);
    }

    reveal(li) {
      for (let up = li.parentElement.closest("li.comment"); up; up = up.parentElement.closest("li.comment")) {
        if (up.classList.contains("comment--collapsed")) this.setCollapsed(up, false);
      }
      for (const other of this.querySelectorAll(".comment--target")) other.classList.remove("comment--target");
      li.classList.add("comment--target");
      li.scrollIntoView({ block: "center" });
      li.querySelector(".comment__main").focus({ preventScroll: true });
    }

    // Times ------------------------------------------------------------------------------

    zoneParts(date) {
      const parts = {};
      const format = new Intl.DateTimeFormat("en-GB", {
        timeZone: this.zone,
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      });
      for (const part of format.formatToParts(date)) parts[part.type] = part.value;
      return parts;
    }

    relativeTime(date, now = new Date()) {
      const seconds = (now - date) / 1000;
      if (seconds < 60) return "now";
      if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
      if (seconds < 86400) return `${Math.floor(seconds / 3600)} h`;
      if (seconds < 7 * 86400) return `${Math.floor(seconds / 86400)} d`;
      const then = this.zoneParts(date);
      const month = MONTHS[Number(then.month) - 1];
      if (then.year === this.zoneParts(now).year) return `${Number(then.day)} ${month}`;
      return `${Number(then.day)} ${month} ${then.year}`;
    }

    exactTime(date) {
      const p = this.zoneParts(date);
      return `${Number(p.day)} ${LONG_MONTHS[Number(p.month) - 1]} ${p.year}, ${p.hour}:${p.minute} ${p.timeZoneName}`;
    }

    refreshTimes() {
      const now = new Date();
      for (const time of this.querySelectorAll(".comment__time time[datetime]")) {
        const date = new Date(time.getAttribute("datetime"));
        if (Number.isNaN(date.getTime())) continue;
        const text = this.relativeTime(date, now);
        if (time.textContent !== text) time.textContent = text;
        const edit = time.closest(".comment__main").querySelector('[data-action="edit"]');
        if (edit && !this.editOpen(date) && !edit.closest(".comment__main").querySelector(".edit-form")) edit.remove();
      }
    }

    // Live updates ------------------------------------------------------------------------
    // Events say what changed (ids and the count); the comment itself is fetched through
    // the API, where visibility is decided. New comments wait behind "Show new comments (N)"
    // so nothing moves under a reader; edits, removals and likes apply in place.

    startLive() {
      this.newButton = this.querySelector("[data-live-new]");
      this.liveStatus = this.querySelector("[data-live-status]");
      if (!this.dataset.liveUrl || !window.EventSource || !this.newButton) return;
      this.lastEventId = this.dataset.version || "0";
      this.pendingTop = [];
      this.pendingReplies = new Map(); // parent id -> [reply ids]
      this.failures = 0;
      this.newButton.addEventListener("click", () => this.showNew());
      this.connectLive();
    }

    stopLive() {
      if (this.source) this.source.close();
      this.source = null;
      clearTimeout(this.pollTimer);
      clearTimeout(this.retryTimer);
    }

    connectLive() {
      if (this.source) this.source.close();
      const url = `${this.dataset.liveUrl}?${new URLSearchParams({ after: this.lastEventId })}`;
      const source = new EventSource(url);
      this.source = source;
      for (const kind of LIVE_KINDS) {
        source.addEventListener(kind, (event) => {
          if (event.lastEventId) this.lastEventId = event.lastEventId;
          this.onLive(kind, JSON.parse(event.data || "{}"));
        });
      }
      source.addEventListener("open", () => {
        this.failures = 0;
        this.setLiveStatus("");
        clearTimeout(this.pollTimer);
        this.pollTimer = null;
      });
      source.addEventListener("error", () => {
        // EventSource retries by itself (with Last-Event-ID); after a few failures, or when
        // it gives up, say so quietly and poll until a stream can be opened again.
        this.failures += 1;
        if (source.readyState === EventSource.CLOSED || this.failures >= 3) {
          source.close();
          this.setLiveStatus("Live updates paused; checking for new comments every few seconds.");
          this.pollLive();
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => this.connectLive(), 30_000);
        }
      });
    }

    async pollLive() {
      clearTimeout(this.pollTimer);
      try {
        const query = new URLSearchParams({ after: this.lastEventId });
        const response = await fetch(`${this.dataset.liveUrl}/events?${query}`, { headers: { Accept: "application/json" } });
        if (response.ok) {
          const data = await response.json();
          if (data.reset) this.onLive("reset", { head: data.head });
          for (const event of data.events) {
            this.lastEventId = String(event.id);
            this.onLive(event.kind, event.data);
          }
        }
      } catch {
        // Offline: try again at the next tick.
      }
      if (!this.source || this.source.readyState === EventSource.CLOSED) {
        this.pollTimer = setTimeout(() => this.pollLive(), 10_000);
      }
    }

    setLiveStatus(message) {
      if (this.liveStatus && this.liveStatus.textContent !== message) this.liveStatus.textContent = message;
    }

    /** Whether the live stream already reported this change (and so the count with it). */
    heard(kind, id) {
      return Boolean(this.heardIds && this.heardIds.has(`${kind}:${id}`));
    }

    onLive(kind, data) {
      if (typeof data.count === "number") this.setCount(data.count);
      const ids = (data.ids || []).map(String);
      this.heardIds = this.heardIds || new Set();
      for (const id of ids) this.heardIds.add(`${kind}:${id}`);
      if (kind === "comment.created") {
        for (const id of ids) this.noteNew(id, data.parent_id == null ? null : String(data.parent_id));
      } else if (kind === "comment.edited") {
        for (const id of ids) this.refreshComment(id);
      } else if (kind === "comment.removed") {
        for (const id of ids) this.forgetPending(id);
        for (const id of ids) this.refreshComment(id);
      } else if (kind === "comment.liked") {
        for (const id of ids) this.setLikes(id, data.like_count);
      } else if (kind === "reset") {
        this.lastEventId = String(data.head ?? this.lastEventId);
        this.reloadThread();
      }
    }

    noteNew(id, parentId) {
      if (this.find(id)) return; // our own comment, already placed
      if (parentId === null) {
        if (!this.pendingTop.includes(id)) this.pendingTop.push(id);
        this.labelNew();
        return;
      }
      const parent = this.find(parentId);
      if (!parent) return; // a branch this reader has not opened: the count says enough
      const list = this.pendingReplies.get(parentId) || [];
      if (!list.includes(id)) list.push(id);
      this.pendingReplies.set(parentId, list);
      let button = parent.querySelector(":scope > [data-new-replies]");
      if (!button) {
        button = h("button", { type: "button", class: "comment__new-replies action", "data-new-replies": parentId });
        button.addEventListener("click", () => this.showNewReplies(parentId, button));
        const more = parent.querySelector(":scope > .comment__more");
        if (more) more.before(button);
        else parent.append(button);
      }
      button.textContent = `${plural(list.length, "new reply", "new replies")}`;
    }

    forgetPending(id) {
      this.pendingTop = this.pendingTop.filter((other) => other !== id);
      this.labelNew();
      for (const [parentId, list] of this.pendingReplies) {
        const kept = list.filter((other) => other !== id);
        this.pendingReplies.set(parentId, kept);
        const button = this.find(parentId)?.querySelector(":scope > [data-new-replies]");
        if (button && !kept.length) button.remove();
        else if (button) button.textContent = plural(kept.length, "new reply", "new replies");
      }
    }

    labelNew() {
      const count = this.pendingTop.length;
      this.newButton.querySelector("[data-live-count]").textContent = count.toLocaleString("en-GB");
      this.newButton.disabled = count === 0;
      this.newButton.setAttribute("aria-disabled", count === 0 ? "true" : "false");
    }

    async fetchNodes(ids) {
      const nodes = [];
      for (const id of ids) {
        try {
          nodes.push(await this.api("GET", `/comments/${id}`));
        } catch {
          // Gone or hidden since it was announced: nothing to show.
        }
      }
      return nodes;
    }

    async showNew() {
      const ids = this.pendingTop;
      this.pendingTop = [];
      this.labelNew();
      const nodes = await this.fetchNodes(ids);
      const placed = [];
      for (const node of nodes) {
        const li = this.place(node, { fresh: true });
        if (li) placed.push(li);
      }
      for (const li of placed) li.classList.add("comment--new");
      if (placed.length) placed[placed.length - 1].querySelector(".comment__main").focus({ preventScroll: true });
      this.announce(placed.length ? `${plural(placed.length, "new comment", "new comments")} shown.` : "Those comments are no longer available.");
    }

    async showNewReplies(parentId, button) {
      const ids = this.pendingReplies.get(parentId) || [];
      this.pendingReplies.delete(parentId);
      button.remove();
      const placed = [];
      for (const node of await this.fetchNodes(ids)) {
        const li = this.place(node, { fresh: true });
        if (li) placed.push(li);
      }
      for (const li of placed) li.classList.add("comment--new");
      if (placed.length) placed[0].querySelector(".comment__main").focus({ preventScroll: true });
      this.announce(`${plural(placed.length, "new reply", "new replies")} shown.`);
    }

    async refreshComment(id) {
      const li = this.find(id);
      if (!li || li.querySelector(":scope > .comment__main .edit-form")) return; // not here, or being edited
      let node;
      try {
        node = await this.api("GET", `/comments/${id}`);
      } catch (error) {
        if (error.status === 404 && li.isConnected) this.removeComment(li);
        return;
      }
      if (!li.isConnected) return;
      const fresh = this.render({ ...node, replies: [], more_replies: 0 });
      li.className = fresh.className;
      li.dataset.status = fresh.dataset.status;
      li.querySelector(":scope > .comment__main").replaceWith(fresh.querySelector(":scope > .comment__main"));
      this.enhance(li);
      this.refreshTimes();
    }

    setLikes(id, count) {
      const li = this.find(id);
      if (!li || typeof count !== "number") return;
      for (const el of li.querySelectorAll(":scope > .comment__main [data-like-count]")) {
        el.textContent = count ? String(count) : "";
      }
    }

    async reloadThread() {
      try {
        const page = await this.api("GET", `/threads/${this.threadId}/comments?${new URLSearchParams({ sort: this.sort })}`);
        this.pendingTop = [];
        this.pendingReplies.clear();
        this.labelNew();
        this.list.replaceChildren();
        for (const node of page.comments) this.place(node);
        this.setCount(page.thread.comment_count);
        this.setMoreButton(page.next_cursor);
      } catch (error) {
        this.threadError(error.message);
      }
    }

    announce(message) {
      if (!this.live) return;
      this.live.textContent = "";
      setTimeout(() => {
        this.live.textContent = message;
      }, 60);
    }
  }

  if (!customElements.get("parley-thread")) customElements.define("parley-thread", ParleyThread);
})();
