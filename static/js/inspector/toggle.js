// Open and close the side panel with its button; remember the choice in localStorage (not in a
// cookie: a cookie would travel to the server with every request, and this is no business of it).
const STORAGE_KEY = "sessionlab.inspector.open";

export function setUpToggle(root, onChange) {
  const button = root.querySelector("[data-inspector-toggle]");
  const body = root.querySelector("[data-inspector-body]");
  if (!button || !body) return () => true;

  const isOpen = () => button.getAttribute("aria-expanded") === "true";
  const show = (open) => {
    button.setAttribute("aria-expanded", String(open));
    body.hidden = !open;
    root.classList.toggle("is-collapsed", !open);
  };

  show(remembered() !== "closed");
  button.hidden = false;
  button.addEventListener("click", () => {
    show(!isOpen());
    remember(isOpen() ? "open" : "closed");
    onChange(isOpen());
  });
  return isOpen;
}

function remembered() {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled: the panel simply starts open
  }
}

function remember(value) {
  try {
    window.localStorage.setItem(STORAGE_KEY, value);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
