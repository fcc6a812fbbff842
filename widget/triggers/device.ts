// A phone or tablet: no hover, a coarse pointer. Read by the loader (the `device` condition)
// and by the watchers (exit intent on touch is a quick scroll up or the tab hidden).
export function touchDevice(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(hover: none) and (pointer: coarse)').matches;
}
