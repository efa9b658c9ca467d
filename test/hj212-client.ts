/** A tiny HJ 212 peer for socket tests: writes bytes, collects the platform's answers as parsed packets. */
import net from 'node:net';
import type { Hj212Packet } from '../src/hj212/index.js';
import { Hj212Deframer, parseFrame } from '../src/hj212/index.js';

export class TestLogger {
  readonly answers: Hj212Packet[] = [];
  readonly socket: net.Socket;
  closed = false;
  private readonly deframer = new Hj212Deframer();
  private waiters: (() => void)[] = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      for (const ev of this.deframer.push(chunk)) {
        if (ev.kind !== 'frame') continue;
        const p = parseFrame(ev);
        if (p.ok) this.answers.push(p.packet);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<TestLogger> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => resolve(new TestLogger(socket)));
      socket.once('error', reject);
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  write(bytes: Buffer | string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.socket.write(bytes, (err) => (err ? reject(err) : resolve())),
    );
  }

  /** Waits until `n` answers have arrived (or the connection closed, or the timeout passed). */
  async waitForAnswers(n: number, timeoutMs = 10_000): Promise<Hj212Packet[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.answers.length < n && !this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.answers;
  }

  /** Waits until the platform closes the connection. */
  async waitForClose(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return this.closed;
  }

  close(): void {
    this.socket.destroy();
  }
}
