// Errors the SLO and SLA services raise with a message an operator can act on; the API passes them on.
export class SloError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'BAD_REQUEST',
    message: string,
  ) {
    super(message);
    this.name = 'SloError';
  }
}
