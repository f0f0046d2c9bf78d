'use strict';
// The login form: the name and password go to the service's form sign-in (/j_security_check), which
// answers with an encrypted session cookie (HttpOnly, SameSite=Strict); then back to the page that asked.

(() => {
  const form = document.getElementById('login');
  const error = document.getElementById('login-error');
  const next = new URLSearchParams(location.search).get('next');
  // Only a path of this site: never an address elsewhere.
  const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const body = new URLSearchParams();
    body.append('j_username', form.j_username.value.trim());
    body.append('j_password', form.j_password.value);
    let res;
    try {
      res = await fetch('/j_security_check', { method: 'POST', body, credentials: 'same-origin' });
    } catch (err) {
      show('无法连接服务：' + err.message);
      return;
    }
    if (res.ok) {
      location.assign(target);
    } else {
      show(res.status === 401 ? '账号或密码错误，或账号已停用；多次失败后需稍候再试。' : '登录失败（HTTP ' + res.status + '）。');
    }
  });

  function show(text) {
    error.textContent = text;
    error.hidden = false;
  }
})();
