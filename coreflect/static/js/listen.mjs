// "Listen" buttons beside Easy Read words, where the browser can speak (speech synthesis): each reads its stage
// or statement aloud in British English, and stops when pressed again. Without JavaScript, or speech, there
// are no buttons: the words are on the page. The buttons' words come from the page (translated there), in a
// <template> that shows nothing by itself.
const template = document.getElementById("listen-button");
const speech = window.speechSynthesis;

if (template && speech && "SpeechSynthesisUtterance" in window) {
  let speaking = null; // the button whose words are being read

  const quiet = () => {
    if (speaking) {
      speaking.textContent = speaking.dataset.label;
      speaking = null;
    }
  };

  let number = 0;
  for (const item of document.querySelectorAll("[data-listen]")) {
    const words = item.querySelector("[data-listen-text]");
    if (!words) continue;
    number += 1;
    words.id ||= `listen-words-${number}`;
    const button = template.content.firstElementChild.cloneNode(true);
    button.dataset.label = button.textContent;
    button.setAttribute("aria-describedby", words.id);
    button.addEventListener("click", () => {
      const again = speaking === button;
      speech.cancel();
      quiet();
      if (again) return;
      const utterance = new SpeechSynthesisUtterance(words.textContent.trim());
      utterance.lang = "en-GB";
      utterance.addEventListener("end", () => speaking === button && quiet());
      utterance.addEventListener("error", () => speaking === button && quiet());
      speaking = button;
      button.textContent = button.dataset.stop;
      speech.speak(utterance);
    });
    item.append(button);
  }
}
