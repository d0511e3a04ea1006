// The HTTP server's connections, tracked so that a shutdown loses nothing (engine/engine drives it):
// which connections have a request being answered, and how long the others have been quiet.
// Node's own server.close() destroys every idle connection at once, and that resets a client whose
// request is already on its way: on a connection accepted a moment before, or on a kept-alive one
// reused just then. Here the listening socket closes alone; an idle connection is closed only once
// it has been quiet for a grace period; one with a request is closed by Node after the answer
// (which carries `Connection: close` while the engine drains).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

interface Connection {
  /** Responses to requests received on it, not yet finished. */
  readonly open: Set<ServerResponse>;
  /** performance.now() of its last sign of life: accepted, bytes read, an answer finished. */
  lastActive: number;
  bytesRead: number;
}

/** How often closeIdle() looks at the idle connections. */
const SWEEP_MS = 20;

export class ConnectionTracker {
  private readonly connections = new Map<Socket, Connection>();
  private readonly emptyWaiters: (() => void)[] = [];
  private sweeper: NodeJS.Timeout | undefined;
  /** performance.now() when the latest connection was accepted. */
  lastAccepted = Number.NEGATIVE_INFINITY;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.lastAccepted = performance.now();
      this.connections.set(socket, { open: new Set(), lastActive: this.lastAccepted, bytesRead: 0 });
      socket.once('close', () => {
        this.connections.delete(socket);
        if (this.connections.size === 0) for (const done of this.emptyWaiters.splice(0)) done();
      });
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const connection = this.connections.get(req.socket);
      if (!connection) return;
      connection.open.add(res);
      res.once('close', () => {
        connection.open.delete(res);
        connection.lastActive = performance.now();
      });
    });
  }

  /** Open connections. */
  get size(): number {
    return this.connections.size;
  }

  /** Requests received and not yet answered, over every connection. */
  get unanswered(): number {
    let n = 0;
    for (const c of this.connections.values()) n += c.open.size;
    return n;
  }

  /** Stops accepting connections: the listening socket closes, every open connection stays. */
  closeListener(): void {
    // net.Server's close, not http.Server's: that one also destroys the idle connections at once.
    if (this.server.listening) net.Server.prototype.close.call(this.server);
  }

  /**
   * Closes each connection without a request once it has been quiet for `graceMs` (a client that
   * connected or reused a connection just before may be sending its request), and resolves when no
   * connection is left. Connections with a request close after their answer.
   */
  closeIdle(graceMs: number): Promise<void> {
    const sweep = () => {
      const now = performance.now();
      for (const [socket, c] of this.connections) {
        if (c.open.size > 0) continue;
        if (socket.bytesRead !== c.bytesRead) {
          c.bytesRead = socket.bytesRead;
          c.lastActive = now;
        } else if (now - c.lastActive >= graceMs) socket.destroy();
      }
    };
    sweep();
    this.sweeper ??= setInterval(sweep, SWEEP_MS);
    return this.empty().finally(() => {
      clearInterval(this.sweeper);
      this.sweeper = undefined;
    });
  }

  /** Resolves when no connection is open. */
  empty(): Promise<void> {
    if (this.connections.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.emptyWaiters.push(resolve));
  }

  /**
   * Answers every request still unanswered with `status` and `{"error": message}` (closing its
   * connection afterwards), and returns how many there were. Whatever handler was working on one
   * finds its reply already sent.
   */
  answerUnanswered(status: number, message: string): number {
    const body = JSON.stringify({ error: message });
    let answered = 0;
    for (const c of this.connections.values()) {
      for (const res of c.open) {
        answered++;
        if (res.headersSent) {
          res.destroy();
          continue;
        }
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'retry-after': '1',
          connection: 'close',
        });
        res.end(body);
      }
    }
    return answered;
  }

  /** Destroys every connection left. */
  destroyAll(): void {
    for (const socket of this.connections.keys()) socket.destroy();
  }
}
