'use strict';
// The start page is public: for a signed-in auditor it also shows the way to the rule console and the versions.
fetch('/api/v1/users/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
  .then((res) => (res.ok ? res.json() : null))
  .then((me) => {
    if (me && (me.roles || []).includes('AUDITOR')) {
      document.getElementById('to-rules').hidden = false;
      document.getElementById('to-rules-history').hidden = false;
    }
  })
  .catch(() => {});
