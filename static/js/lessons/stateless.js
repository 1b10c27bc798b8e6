// Lesson 1, HTTP is stateless: ask the server the same question twice, with and without the
// cookie, and show both answers. Then post the form, which records the lesson as done.
// The sentences shown are rendered by the server, translated, into data-* attributes.

const root = document.querySelector("[data-stateless]");

async function ask(url, credentials) {
  const response = await fetch(url, {
    credentials,
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

function verdict(answer) {
  if (answer.recognised) {
    const keys = answer.keys.length ? answer.keys.join(", ") : "—";
    return root.dataset.recognised
      .replace("%(session)s", answer.session)
      .replace("%(keys)s", keys);
  }
  return answer.cookie_sent ? root.dataset.unknownKey : root.dataset.stranger;
}

function show(which, answer) {
  root.querySelector(`[data-verdict="${which}"]`).textContent = answer
    ? verdict(answer)
    : root.dataset.failed;
  const json = root.querySelector(`[data-json="${which}"]`);
  json.hidden = !answer;
  json.querySelector("code").textContent = answer ? JSON.stringify(answer, null, 2) : "";
}

function markGoalDone() {
  const goal = document.querySelector("[data-goal]");
  if (!goal) return;
  goal.classList.add("is-done");
  goal.querySelector("[data-goal-status]").textContent = goal.dataset.doneLabel;
}

async function run(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const withCookie = await ask(root.dataset.url, "same-origin").catch(() => null);
    const withoutCookie = await ask(root.dataset.url, "omit").catch(() => null);
    show("with", withCookie);
    show("without", withoutCookie);
    if (!withCookie || !withoutCookie) return;
    const response = await fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (response.ok && (await response.json()).goal_met) markGoalDone();
    root.querySelector("[data-first-run]").hidden = withCookie.recognised;
  } finally {
    button.disabled = false;
  }
}

if (root) {
  root.hidden = false;
  root.querySelector("form").addEventListener("submit", run);
}
