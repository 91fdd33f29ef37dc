// The idle warning: two minutes before a signed-in session would end for want of requests, a notice says so,
// with a "Stay signed in" button that sends one small request to keep the session going. The page is never
// reloaded or left, so nothing typed is lost: when the time is up the notice says what happened instead.
// Pages that refresh themselves (data-live-url) keep the session going anyway and get no warning.
const box = document.querySelector("[data-session-warning]");

if (box && !document.querySelector("[data-live-url]")) {
  const idleMs = Number(box.dataset.idleSeconds) * 1000;
  const warnMs = Number(box.dataset.warnSeconds) * 1000;
  const text = box.querySelector("[data-session-warning-text]");
  const form = box.querySelector("[data-session-keep-alive]");
  const status = document.querySelector("[data-session-status]");
  let warnTimer;
  let endTimer;

  const say = (words) => {
    if (status) status.textContent = words;
  };

  const warn = () => {
    box.hidden = false;
    say(text.textContent);
  };

  const ended = () => {
    clearTimeout(warnTimer);
    box.hidden = false;
    form.hidden = true;
    text.textContent = box.dataset.endedText;
    say(box.dataset.endedText);
  };

  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(warn, Math.max(idleMs - warnMs, 0));
    endTimer = setTimeout(ended, idleMs);
  };

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
      if (!response.ok || response.redirected) return ended();
      box.hidden = true;
      say(box.dataset.keptText);
      schedule();
    } catch {
      // No connection: the warning stays, and the button can be pressed again.
    }
  });

  schedule();
}
