// Shows the passkey and security key buttons where the browser can use them (django-allauth's own script does
// the WebAuthn ceremony). Without JavaScript, or in an older browser, they stay hidden and the code box works.
if (window.PublicKeyCredential) {
  for (const part of document.querySelectorAll("[data-needs-webauthn]")) {
    part.hidden = false;
  }
}
