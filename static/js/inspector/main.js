// The inspector's live behaviour. The full page is rendered by the server; the side panel is
// filled from the state endpoint as soon as the page has loaded. Then this module keeps both
// current:
// - it polls the state endpoint every 1.5 s while the tab is visible and the panel open, with
//   If-None-Match, so an unchanged state costs an empty 304;
// - it refreshes at once after an action: when another tab of this site nudges it over a
//   BroadcastChannel, or when a script on this page dispatches "sessionlab:session-changed"
//   on document after changing the session with fetch();
// - it ticks the countdown each second on the server's clock, and asks the server at zero;
// - it announces changes of state (never the ticks) in a polite live region.
import { connectTabs } from "./tabs.js";
import { Countdown } from "./countdown.js";
import { Poller } from "./poller.js";
import { setUpToggle } from "./toggle.js";

const root = document.querySelector("[data-inspector]");

if (root) {
  const countdown = new Countdown(root);
  const poller = new Poller(root, countdown);
  const isOpen = setUpToggle(root, (open) => {
    if (open) poller.refresh();
    poller.start();
  });
  poller.isOpen = isOpen;
  countdown.onZero = () => poller.refresh();

  const tabs = connectTabs(() => poller.refresh());
  document.addEventListener("sessionlab:session-changed", () => {
    poller.refresh();
    tabs.nudge();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") poller.refresh();
    poller.start(); // stops while hidden
  });
  window.addEventListener("pageshow", (event) => event.persisted && poller.refresh());

  countdown.start();
  if (isOpen()) poller.refresh();
  poller.start();
}
