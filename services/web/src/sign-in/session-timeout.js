// The "you will be signed out soon" warning (GOV.UK / MoJ timeout pattern), for pages with JavaScript on.
// It knows only the timings and the CSRF token from its own script tag; the session itself stays in an HttpOnly
// cookie that no script can read. Without JavaScript the server's timeout applies as it is.
(function () {
  var me = document.currentScript;
  if (!me || typeof HTMLDialogElement === 'undefined') return;
  var timeout = Number(me.getAttribute('data-timeout')) * 1000;
  var warning = Number(me.getAttribute('data-warning')) * 1000;
  var csrf = me.getAttribute('data-csrf') || '';
  if (!(timeout > warning && warning > 0)) return;
  var warnTimer, endTimer, countdown;

  var dialog = document.createElement('dialog');
  dialog.className = 'govuk-timeout-warning';
  dialog.setAttribute('aria-labelledby', 'timeout-heading');
  dialog.setAttribute('aria-describedby', 'timeout-message');
  dialog.innerHTML =
    '<h2 class="govuk-heading-m" id="timeout-heading">You’re about to be signed out</h2>' +
    '<p class="govuk-body" id="timeout-message" aria-live="polite"></p>' +
    '<div class="govuk-button-group">' +
    '<button type="button" class="govuk-button" data-module="govuk-button" data-timeout-stay>Stay signed in</button>' +
    '<a class="govuk-link" href="/sign-out">Sign out</a></div>';
  var message = dialog.querySelector('#timeout-message');

  function say(secondsLeft) {
    var minutes = Math.ceil(secondsLeft / 60);
    message.textContent =
      secondsLeft > 60
        ? 'For your security, we will sign you out in ' + minutes + ' minutes.'
        : 'For your security, we will sign you out in ' + Math.max(secondsLeft, 0) + ' seconds.';
  }
  function signOut() {
    window.location.href = '/sign-out?reason=timeout';
  }
  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    clearInterval(countdown);
    var deadline = Date.now() + timeout;
    warnTimer = setTimeout(function () {
      say(Math.round((deadline - Date.now()) / 1000));
      if (!dialog.open) dialog.showModal();
      countdown = setInterval(function () {
        say(Math.round((deadline - Date.now()) / 1000));
      }, 20000);
    }, timeout - warning);
    endTimer = setTimeout(signOut, timeout);
  }
  dialog.querySelector('[data-timeout-stay]').addEventListener('click', function () {
    fetch('/session/extend', { method: 'POST', credentials: 'same-origin', headers: { 'x-csrf-token': csrf } })
      .then(function (response) {
        if (!response.ok) throw new Error('signed out');
        dialog.close();
        schedule();
      })
      .catch(signOut);
  });
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault();
  });
  document.body.appendChild(dialog);
  schedule();
})();
