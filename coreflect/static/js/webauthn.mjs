// Shows the passkey and security key parts of a page where the browser can use them (django-allauth's own
// script does the WebAuthn ceremony), and hides the note that says it cannot. Without JavaScript, or in an
// older browser, the note stays and the code box or the authenticator app works as before.
if (window.PublicKeyCredential) {
  for (const part of document.querySelectorAll("[data-needs-webauthn]")) {
    part.hidden = false;
  }
  for (const note of document.querySelectorAll("[data-no-webauthn]")) {
    note.hidden = true;
  }
}
