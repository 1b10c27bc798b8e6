// The countdown to the server record's end, on the server's clock rather than the browser's.
// The text format matches the `countdown` template filter: "4:59", "1:00:00", "13 days 23:59:58".

export class Countdown {
  constructor(root) {
    this.root = root;
    this.labels = { one: root.dataset.dayOne, other: root.dataset.dayOther };
    this.plural = new Intl.PluralRules(document.documentElement.lang || "en");
    this.offset = initialOffset(Number(root.dataset.serverNow));
    this.onZero = () => Promise.resolve();
    this.asking = false;
  }

  // The server's clock minus the browser's, from a response's server time and its round trip.
  sync(serverNow, sentAt, receivedAt) {
    if (Number.isFinite(serverNow)) this.offset = serverNow - (sentAt + receivedAt) / 2;
  }

  start() {
    this.tick();
    // Tick just after each whole second of the server's clock.
    const delay = 1000 - ((Date.now() + this.offset) % 1000) + 20;
    window.setTimeout(() => {
      this.tick();
      window.setInterval(() => this.tick(), 1000);
    }, delay);
  }

  now() {
    return Date.now() + this.offset;
  }

  // Whether a countdown under `element` has reached zero.
  ranOut(element) {
    const clocks = element.querySelectorAll("[data-countdown]");
    return [...clocks].some((clock) => Number(clock.dataset.expires) <= this.now());
  }

  tick() {
    const now = this.now();
    for (const clock of this.root.querySelectorAll("[data-countdown]")) {
      const left = Number(clock.dataset.expires) - now;
      clock.textContent = this.format(left);
      if (left <= 0) this.timeIsUp(clock);
    }
  }

  // The timer does not decide that the session expired; the server does. Ask it (again each
  // second while the answer is "not yet": the server's view replaces this clock when it expires).
  timeIsUp(clock) {
    clock.parentElement.querySelector("[data-checking]")?.removeAttribute("hidden");
    if (this.asking) return;
    this.asking = true;
    Promise.resolve(this.onZero()).finally(() => {
      window.setTimeout(() => {
        this.asking = false;
      }, 1000);
    });
  }

  format(milliseconds) {
    let seconds = Math.max(0, Math.ceil(milliseconds / 1000));
    const days = Math.floor(seconds / 86400);
    seconds -= days * 86400;
    const hours = Math.floor(seconds / 3600);
    seconds -= hours * 3600;
    const minutes = Math.floor(seconds / 60);
    seconds -= minutes * 60;
    const two = (n) => String(n).padStart(2, "0");
    if (days) {
      const label = this.labels[this.plural.select(days)] || this.labels.other;
      return `${label.replace("{n}", days)} ${two(hours)}:${two(minutes)}:${two(seconds)}`;
    }
    if (hours) return `${hours}:${two(minutes)}:${two(seconds)}`;
    return `${minutes}:${two(seconds)}`;
  }
}

// The page was rendered at `serverNow`, just before its response started to arrive.
function initialOffset(serverNow) {
  if (!Number.isFinite(serverNow)) return 0;
  const [navigation] = performance.getEntriesByType("navigation");
  const arrived = navigation ? performance.timeOrigin + navigation.responseStart : Date.now();
  return serverNow - arrived;
}
