// What the command palette's list (cmdk) needs of the page and jsdom lacks: ResizeObserver, with
// which it measures the list's height, and scrollIntoView, which keeps the selected result in view.
export function stubPaletteLayout(): void {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  if (!('scrollIntoView' in Element.prototype))
    Object.defineProperty(Element.prototype, 'scrollIntoView', { value: () => undefined });
}
