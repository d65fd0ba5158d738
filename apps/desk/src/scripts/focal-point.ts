/**
 * The focal point, set by a click on the picture: the click's place as percentages across and
 * down fills the form's two fields (which stay the way to set it by keyboard), and a marker
 * shows where it is. Saved with the rest of the form.
 */
export function enhanceFocalPicker(picker: HTMLElement, x: HTMLInputElement, y: HTMLInputElement): void {
  const image = picker.querySelector('img');
  const marker = picker.querySelector<HTMLElement>('.focal-marker');
  if (!image || !marker) return;
  const place = () => {
    marker.style.left = `${Number(x.value) || 0}%`;
    marker.style.top = `${Number(y.value) || 0}%`;
    marker.hidden = false;
  };
  image.classList.add('settable');
  document.querySelector('#focal-click-hint')?.removeAttribute('hidden');
  image.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect();
    const across = ((event.clientX - box.left) / box.width) * 100;
    const down = ((event.clientY - box.top) / box.height) * 100;
    x.value = String(Math.round(Math.min(100, Math.max(0, across)) * 10) / 10);
    y.value = String(Math.round(Math.min(100, Math.max(0, down)) * 10) / 10);
    place();
  });
  x.addEventListener('input', place);
  y.addEventListener('input', place);
  place();
}
