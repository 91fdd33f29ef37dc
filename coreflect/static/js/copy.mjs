// A "Copy" button for the private link, where the browser can copy: without JavaScript the link is on the
// page in full, to select and copy by hand. The page gives the messages in its own language (data-copied,
// data-not-copied on the status line); English if it does not.
const status = document.querySelector("[data-copy-status]");
// The words, in the page's language, from the page itself (base.html's script_messages).
const words = JSON.parse(document.getElementById("coreflect-messages")?.textContent || "{}");

for (const button of document.querySelectorAll("[data-copy]")) {
  const target = document.getElementById(button.dataset.copy);
  if (!target || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(target.textContent.trim());
      if (status) status.textContent = words.copied || "Your private link is copied. Paste it somewhere safe.";
    } catch {
      if (status) {
        status.textContent = words.notCopied || "It could not be copied here: select the link and copy it yourself.";
      }
    }
  });
}
