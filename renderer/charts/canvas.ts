let canvasSupport: boolean | null = null;

/** False where there is no 2D canvas (jsdom in DOM tests); the chart then shows a short note. */
export function canDrawCharts(): boolean {
  if (canvasSupport === null) {
    try {
      canvasSupport = Boolean(document.createElement('canvas').getContext('2d'));
    } catch {
      canvasSupport = false;
    }
  }
  return canvasSupport;
}
