// Ask the server for the inspector's state, and put the new HTML in place when it changed.
const INTERVAL_MS = 1500;

export class Poller {
  constructor(root, countdown) {
    this.root = root;
    this.countdown = countdown;
    this.body = root.querySelector("[data-inspector-body]");
    this.live = root.querySelector("[data-inspector-live]");
    this.url = new URL(root.dataset.stateUrl, window.location.href);
    if (root.dataset.view === "page") this.url.searchParams.set("view", "page");
    this.etag = root.dataset.etag || null; // none yet: the side panel's first fetch fills it
    this.isOpen = () => true;
    this.timer = null;
    this.running = null;
  }

  // Poll on a timer while the tab is visible and the panel open; stop otherwise.
  start() {
    this.stop();
    if (document.visibilityState !== "visible" || !this.isOpen()) return;
    this.timer = window.setTimeout(async () => {
      await this.refresh();
      this.start();
    }, INTERVAL_MS);
  }

  stop() {
    window.clearTimeout(this.timer);
    this.timer = null;
  }

  // One conditional request; concurrent callers share it.
  refresh() {
    this.running ??= this.fetchState().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  async fetchState() {
    const sentAt = Date.now();
    let response;
    try {
      response = await fetch(this.url, {
        headers: this.etag
          ? { Accept: "application/json", "If-None-Match": this.etag }
          : { Accept: "application/json" },
        cache: "no-store",
        credentials: "same-origin",
      });
    } catch {
      return; // offline or server restarting: keep showing the last state, try again later
    }
    if (response.status === 304 || !response.ok) return;
    const state = await response.json();
    const before = this.body.querySelector("[data-status]")?.dataset.status;
    const ranOut = this.countdown.ranOut(this.body);
    this.countdown.sync(state.now, sentAt, Date.now());
    this.etag = response.headers.get("ETag") || this.etag;
    // HTML rendered by the site's own templates, escaped there like every page. A link that had
    // the keyboard focus gets it back in the new HTML.
    const focused = this.body.contains(document.activeElement) ? document.activeElement : null;
    this.body.innerHTML = state.html;
    if (focused?.getAttribute("href")) {
      this.body.querySelector(`[href="${CSS.escape(focused.getAttribute("href"))}"]`)?.focus();
    }
    this.countdown.tick();
    let announcement = state.announcement;
    if (state.status === "none" && (before === "active" || before === "expired")) {
      announcement = this.showEnded(ranOut ? "ran-out" : "deleted") || announcement;
    }
    this.announce(announcement);
  }

  // The server sees no cookie, but this page showed a session a moment ago: the browser has just
  // deleted the cookie (its Max-Age ran out, or a response from another tab deleted it). Say so
  // with the text the server rendered for that case.
  showEnded(reason) {
    const status = this.body.querySelector("[data-status]");
    const text = status?.querySelector(`[data-status-text="${reason}"]`);
    if (!text) return "";
    for (const other of status.querySelectorAll("[data-status-text]")) other.hidden = other !== text;
    status.dataset.status = reason === "ran-out" ? "expired" : "ended";
    status.classList.replace("inspector-status-none", "inspector-status-expired");
    const sentence = text.querySelector("p:not(.inspector-status-label)") ?? text;
    return sentence.textContent.replace(/\s+/g, " ").trim();
  }

  announce(text) {
    if (!this.live || !text) return;
    // Clearing first makes screen readers repeat a sentence that happens to be the same.
    this.live.textContent = "";
    window.setTimeout(() => {
      this.live.textContent = text;
    }, 50);
  }
}
