/** A plain `<button type="button">` with a name (tests find controls by it) and a click handler. */
export function button(text: string, name: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.name = name;
  b.addEventListener('click', onClick);
  return b;
}
