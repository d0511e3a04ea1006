// Paces request decoding on the HTTP thread: decodes take turns, at most `budgetMs` of them per
// turn of the event loop (a JSON tensor alone takes milliseconds), and between turns the loop goes
// back to its sockets. Without it, every body that completes in one poll of the sockets is decoded
// before the next poll: under overload the thread then spends all its time decoding, new requests
// wait unread in the kernel (unseen, so never shed) until connections time out. With it, requests
// waiting for their turn count against max_inflight_requests (engine/http/admission), and new ones
// are read and answered 503 in between. Used by the infer route (engine/http/routes).

export class DecodePacer {
  private readonly waiting: (() => void)[] = [];
  /** A turn is scheduled (setImmediate) or running. */
  private busy = false;
  private turnStart = 0;

  constructor(private readonly budgetMs = 10) {}

  /** Resolves when the caller may decode; it must call done() once it has. */
  turn(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.busy) this.schedule();
    });
  }

  /** The caller's decode is over (or failed): the next waiter goes now if this turn has budget left. */
  done(): void {
    if (this.waiting.length === 0) this.busy = false;
    else if (performance.now() - this.turnStart < this.budgetMs) this.waiting.shift()!();
    else this.schedule();
  }

  private schedule(): void {
    this.busy = true;
    // An immediate scheduled from within a turn runs in the next turn of the loop, after its poll.
    setImmediate(() => {
      this.turnStart = performance.now();
      const next = this.waiting.shift();
      if (next) next();
      else this.busy = false;
    });
  }
}
