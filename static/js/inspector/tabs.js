// Tell this site's other tabs that the session just changed, so that their inspectors refresh
// at once instead of at their next poll.
//
// A form post changes the session on the server, then the browser loads the next page. So a
// submit only leaves a note in sessionStorage, and the page that loads next (after the server
// has done its work) reads the note and nudges the other tabs.
const CHANNEL = "sessionlab-inspector";
const NOTE = "sessionlab.inspector.submitted";

export function connectTabs(onNudge) {
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(CHANNEL) : null;
  channel?.addEventListener("message", onNudge);
  const nudge = () => channel?.postMessage("session-changed");

  document.addEventListener("submit", () => note(true), true);
  if (note()) {
    note(false);
    nudge();
  }
  return { nudge };
}

function note(value) {
  try {
    if (value === undefined) return window.sessionStorage.getItem(NOTE) !== null;
    if (value) window.sessionStorage.setItem(NOTE, "1");
    else window.sessionStorage.removeItem(NOTE);
  } catch {
    // storage disabled: the other tabs will see the change at their next poll
  }
  return false;
}
