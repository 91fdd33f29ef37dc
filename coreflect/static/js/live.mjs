// Live fragments: every element with data-live-url is refreshed from its URL every few seconds while the
// page is in view. The server answers 304 while nothing has changed. Forms are never inside a live
// fragment, so a refresh cannot wipe what someone is typing; focus never moves. When a fragment carries
// data-announce, its text goes to the page's polite status region, so screen readers hear new counts and
// revealed results without hearing the whole fragment again.
const POLL_MS = 2500;
const status = document.querySelector("[data-live-status]");
// Once someone has typed or chosen anything in a form on the page, the page is never reloaded for them:
// the fragment's own "the room has moved on" link waits until they are ready.
let typing = false;
document.addEventListener("input", (event) => {
  if (event.target.closest("form")) typing = true;
});

function announce(fragment) {
  const said = fragment.querySelector("[data-announce]");
  if (status && said && status.textContent !== said.dataset.announce) status.textContent = said.dataset.announce;
}

function watch(element) {
  let etag = element.dataset.liveEtag || "";
  let failures = 0;
  async function poll() {
    if (document.visibilityState === "hidden") return schedule();
    try {
      const response = await fetch(element.dataset.liveUrl, {
        headers: etag ? { "If-None-Match": etag, "X-Requested-With": "fetch" } : { "X-Requested-With": "fetch" },
        cache: "no-store",
        credentials: "same-origin",
      });
      failures = 0;
      if (response.status === 200) {
        etag = response.headers.get("ETag") || "";
        const html = await response.text();
        const fresh = document.createElement("div");
        fresh.innerHTML = html;
        element.replaceChildren(...fresh.childNodes);
        announce(element);
        // The room moved on (a new step needs a new form): show it, unless they are in the middle of a form.
        if (element.querySelector("[data-live-reload]") && !typing) window.location.reload();
      } else if (response.status !== 304) {
        failures += 1;
      }
    } catch {
      failures += 1;
    }
    schedule();
  }
  function schedule() {
    // After failures, wait longer (up to 30 s) so a struggling server is not hammered.
    window.setTimeout(poll, Math.min(POLL_MS * 2 ** failures, 30000));
  }
  schedule();
}

for (const element of document.querySelectorAll("[data-live-url]")) watch(element);
for (const button of document.querySelectorAll("[data-live-refresh]")) button.hidden = true; // polling does it
