// With JavaScript, hovering, focusing or tapping a footnote mark shows the note
// in place (the first tap previews, a second follows the link); without it,
// the mark is a plain link to the note. And the all-data link saves its CSV
// unpacked (without script it saves the .csv.gz). A few lines, no library.
export const FOOTNOTE_PREVIEW_SCRIPT = `(() => {
  const tip = document.createElement('div');
  tip.id = 'fn-preview';
  tip.className = 'fn-preview';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  document.body.append(tip);
  let current = null;
  let timer = 0;
  // Focus that comes with a tap or a click is not keyboard focus: the click decides.
  let pointing = false;
  const refOf = (target) => target instanceof Element ? target.closest('a[data-footnote-ref]') : null;
  const inTip = (target) => target instanceof Element && target.closest('#fn-preview') !== null;
  const show = (a) => {
    const note = document.getElementById(decodeURIComponent(a.hash.slice(1)));
    if (!note) return;
    clearTimeout(timer);
    const copy = note.cloneNode(true);
    copy.querySelectorAll('.fn-back').forEach((b) => b.remove());
    copy.querySelectorAll('[id]').forEach((e) => e.removeAttribute('id'));
    tip.replaceChildren(...copy.childNodes);
    if (current && current !== a) current.removeAttribute('aria-describedby');
    current = a;
    a.setAttribute('aria-describedby', 'fn-preview');
    tip.hidden = false;
    const page = document.documentElement.clientWidth;
    const width = Math.min(384, page - 16);
    const box = a.getBoundingClientRect();
    tip.style.width = width + 'px';
    tip.style.left = Math.max(8, Math.min(box.left + window.scrollX - width / 2, window.scrollX + page - width - 8)) + 'px';
    tip.style.top = box.bottom + window.scrollY + 6 + 'px';
  };
  const hide = () => {
    tip.hidden = true;
    if (current) current.removeAttribute('aria-describedby');
    current = null;
  };
  document.addEventListener('pointerover', (e) => {
    if (e.pointerType !== 'mouse') return;
    const a = refOf(e.target);
    if (a) show(a);
    else if (inTip(e.target)) clearTimeout(timer);
  });
  document.addEventListener('pointerout', (e) => {
    if (e.pointerType === 'mouse' && (refOf(e.target) || inTip(e.target))) timer = setTimeout(hide, 300);
  });
  document.addEventListener('pointerdown', () => {
    pointing = true;
  });
  document.addEventListener('focusin', (e) => {
    if (pointing) return;
    const a = refOf(e.target);
    if (a) show(a);
    else if (!inTip(e.target)) hide();
  });
  document.addEventListener('click', (e) => {
    pointing = false;
    const data = e.target instanceof Element ? e.target.closest('a[data-save]') : null;
    if (data && typeof DecompressionStream === 'function') {
      e.preventDefault();
      const bytes = Uint8Array.from(atob(data.href.slice(data.href.indexOf(',') + 1)), (c) => c.charCodeAt(0));
      new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).blob().then((blob) => {
        const save = document.createElement('a');
        save.href = URL.createObjectURL(new Blob([blob], { type: data.dataset.save.endsWith('.json') ? 'application/json' : 'text/csv;charset=utf-8' }));
        save.download = data.dataset.save;
        save.click();
        setTimeout(() => URL.revokeObjectURL(save.href), 1000);
      });
      return;
    }
    const a = refOf(e.target);
    if (a && (a !== current || tip.hidden)) {
      e.preventDefault();
      show(a);
    } else if (!a && !inTip(e.target)) hide();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && current) {
      const a = current;
      hide();
      a.focus();
    }
  });
})();`;
