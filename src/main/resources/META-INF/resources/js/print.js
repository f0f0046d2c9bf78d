'use strict';
// The print button of a printable page (no inline handler: the pages' Content-Security-Policy allows
// only this site's scripts).
document.getElementById('print')?.addEventListener('click', () => window.print());
