// Saves a participant's answers as they type, so nothing is lost if they close the page.
// Without JavaScript the page works the same: every "Save" button saves.
const form = document.querySelector("[data-autosave-form]");
const status = document.querySelector("[data-autosave-status]");
// The page gives the messages in its own language on the status line (data-saved, data-am, …); English if not.
const words = status ? status.dataset : {};
const WAIT_MS = 1500;
let timer = null;
let sending = false;
let again = false;

function say(message) {
  if (status) status.textContent = message;
}

function fill(message, values) {
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

// GOV.UK style, as coreflect/dates.py writes times on the server: 4:51pm, 9am, midday, midnight.
function clock(date) {
  const hours = date.getHours();
  const minutes = date.getMinutes();
  if (minutes === 0 && hours === 0) return words.midnight || "midnight";
  if (minutes === 0 && hours === 12) return words.midday || "midday";
  const shown = minutes ? `:${String(minutes).padStart(2, "0")}` : "";
  const half = hours < 12 ? words.am || "{clock}am" : words.pm || "{clock}pm";
  return fill(half, { clock: `${hours % 12 || 12}${shown}` });
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
      say(fill(words.savedExcept || "Saved at {time}, except: {problems}", { time: clock(new Date()), problems }));
    } else if (response.ok) {
      say(fill(words.saved || "Saved at {time}", { time: clock(new Date()) }));
    } else if (answer.reason) {
      say(`${answer.reason} ${words.stillHere || "Your answers are still on this page."}`);
    } else {
      say(words.notSaved || "Not saved automatically. Use a Save button below to save your answers.");
    }
  } catch {
    say(words.offline || "Not saved automatically – check your connection. Your answers are still on this page.");
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
