// The page's messages above the results: notices (what a link or a loaded file could not carry, a
// profile that fell back) and errors (a file that did not load, a run that failed), each with the
// message as the code gave it, until the reader closes it or the next one of its kind replaces it.

export type NoticeKind = 'info' | 'error';

export class Notices {
  private readonly slots = new Map<string, HTMLElement>();

  constructor(private readonly root: HTMLElement) {}

  /** Shows `text` under `key` (replacing what was there), or clears it with null. */
  set(key: string, kind: NoticeKind, text: string | null): void {
    this.slots.get(key)?.remove();
    this.slots.delete(key);
    if (text === null) return;
    const box = document.createElement('div');
    box.className = `notice notice-${kind}`;
    box.dataset.notice = key;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    const p = document.createElement('p');
    p.textContent = text;
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'notice-close';
    close.setAttribute('aria-label', 'Dismiss');
    close.textContent = '×';
    close.addEventListener('click', () => this.set(key, kind, null));
    box.append(p, close);
    this.root.append(box);
    this.slots.set(key, box);
  }
}
