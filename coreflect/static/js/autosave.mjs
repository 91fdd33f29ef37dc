// Saves a participant's answers as they type, so nothing is lost if they close the page.
// Without JavaScript the page works the same: every "Save" button saves.
const form = document.querySelector("[data-autosave-form]");
const status = document.querySelector("[data-autosave-status]");
const WAIT_MS = 1500;
let timer = null;
let sending = false;
let again = false;
// The words, in the page's language, from the page itself (base.html's script_messages).
const words = JSON.parse(document.getElementById("coreflect-messages")?.textContent || "{}");

function t(key, english, values = {}) {
  return (words[key] || english).replace(/%\((\w+)\)s/g, (_match, name) => values[name] ?? "");
}

function say(message) {
  if (status) status.textContent = message;
}

// GOV.UK style, as coreflect/dates.py writes times on the server: 4:51pm, 9am, midday, midnight (4:51yp in Welsh).
function clock(date) {
  const hours = date.getHours();
  const minutes = date.getMinutes();
  if (minutes === 0 && hours === 0) return t("midnight", "midnight");
  if (minutes === 0 && hours === 12) return t("midday", "midday");
  const shown = minutes ? `:${String(minutes).padStart(2, "0")}` : "";
  const number = `${hours % 12 || 12}${shown}`;
  return hours < 12 ? t("am", "%(clock)sam", { clock: number }) : t("pm", "%(clock)spm", { clock: number });
}

async function save() {
  if (sending) {
    again = true;
    return;
  }
  sending = true;
  try {
    // getAttribute, not form.action: the Save buttons are named "action" and would shadow it.
    const response = await fetch(form.getAttribute("action") || window.location.href, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Autosave": "1" },
      credentials: "same-origin",
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok && answer.not_saved) {
      const problems = Object.values(answer.not_saved).join(" ");
      say(t("savedExcept", "Saved at %(time)s, except: %(problems)s", { time: clock(new Date()), problems }));
    } else if (response.ok) {
      say(t("saved", "Saved at %(time)s", { time: clock(new Date()) }));
    } else if (answer.reason) {
      say(`${answer.reason} ${t("stillHere", "Your answers are still on this page.")}`);
    } else {
      say(t("notSaved", "Not saved automatically. Use a Save button below to save your answers."));
    }
  } catch {
    say(t("offline", "Not saved automatically – check your connection. Your answers are still on this page."));
  } finally {
    sending = false;
    if (again) {
      again = false;
      save();
    }
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(save, WAIT_MS);
}

if (form) {
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.dataset.autosaveReady = "true";
}
