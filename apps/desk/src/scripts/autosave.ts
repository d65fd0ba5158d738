import { changesFrom, type StoryFields, sameValue } from '../lib/story-fields';

/** The story as the server holds it after a save: the answer of POST /stories/<id>/save. */
export interface ServerState {
  version: number;
  updatedAt: string;
  wordCount: number;
  readingTimeMinutes: number;
  fields: StoryFields;
}

export type SendResult =
  | { kind: 'saved'; state: ServerState }
  /** Someone else saved first: their state, and who they are. */
  | { kind: 'conflict'; theirs: ServerState & { by: string | null } }
  /** No answer: the connection or the desk is down. Worth retrying by itself. */
  | { kind: 'unreachable' }
  /** An answer that retrying the same text will not change (bad input, story deleted, signed out). */
  | { kind: 'refused'; status: number; message: string };

export type SaverState =
  | { kind: 'saved'; at: string | null }
  | { kind: 'unsaved' }
  | { kind: 'saving' }
  | { kind: 'offline' }
  | { kind: 'conflict'; theirs: ServerState & { by: string | null }; mine: StoryFields }
  | { kind: 'refused'; status: number; message: string };

/** Where text waits until the server has it: the browser's storage, one entry per story. */
export interface LocalCopy {
  write(copy: { version: number; fields: StoryFields; at: string }): void;
  clear(): void;
}

export interface AutosaverOptions {
  version: number;
  /** The fields as the page showed them when it loaded. */
  initial: StoryFields;
  read(): StoryFields;
  send(version: number, changes: Partial<StoryFields>): Promise<SendResult>;
  local: LocalCopy;
  onState(state: SaverState): void;
  onSaved?(state: ServerState): void;
  /** How long after the last keystroke a save starts. */
  quietMs?: number;
  /**
   * How long after a keystroke the text is copied into the browser. Reading a long story whole
   * on every keystroke would slow typing; a page being hidden or closed copies at once (flush).
   */
  keepMs?: number;
  now?: () => Date;
  timers?: Pick<typeof globalThis, 'setTimeout' | 'clearTimeout'>;
}

/** Retries after the connection drops: soon at first, then every 30 s at most. */
const retryDelaysMs = [2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * Saves a story as it is written: a few seconds after typing stops, on demand (Ctrl-S, leaving
 * the page), always with the version it is based on. Until the server acknowledges a save, the
 * text is kept in the browser. A save that meets someone else's stops and waits for the person
 * to choose; a lost connection is retried until it comes back. Only one save is in flight.
 */
export class Autosaver {
  private version: number;
  /** The fields as last acknowledged by the server, as this page wrote them. */
  private acknowledged: StoryFields;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private keepTimer: ReturnType<typeof setTimeout> | null = null;
  private retries = 0;
  private state: SaverState = { kind: 'saved', at: null };
  private readonly options: Required<Omit<AutosaverOptions, 'onSaved'>> & Pick<AutosaverOptions, 'onSaved'>;

  constructor(options: AutosaverOptions) {
    this.options = {
      quietMs: 2_000,
      keepMs: 250,
      now: () => new Date(),
      timers: globalThis,
      ...options,
    };
    this.version = options.version;
    this.acknowledged = options.initial;
  }

  get currentVersion(): number {
    return this.version;
  }

  get currentState(): SaverState {
    return this.state;
  }

  /** Whether the page holds text the server does not have yet. */
  get dirty(): boolean {
    return !sameValue(this.options.read(), this.acknowledged);
  }

  /**
   * Call on every edit: cheap, so typing stays quick. Soon after, the text is kept in the
   * browser; once typing stops, it is saved.
   */
  changed(): void {
    if (this.keepTimer === null) {
      this.keepTimer = this.options.timers.setTimeout(() => this.flush(), this.options.keepMs);
    }
    if (this.state.kind === 'conflict') return;
    if (this.state.kind === 'saved') this.setState({ kind: 'unsaved' });
    this.schedule(this.options.quietMs);
  }

  /** Keeps what is on the page in the browser now: the page is being hidden or closed. */
  flush(): void {
    if (this.keepTimer !== null) this.options.timers.clearTimeout(this.keepTimer);
    this.keepTimer = null;
    if (this.state.kind === 'conflict' || this.dirty) this.keepLocally();
  }

  /** Saves now (Ctrl-S, leaving the page, before a workflow action); resolves when settled. */
  async saveNow(): Promise<SaverState> {
    this.cancelTimer();
    if (this.state.kind === 'conflict') return this.state;
    if (this.inFlight) {
      this.again = true;
      await this.inFlight;
      if (!this.again) return this.state;
    }
    this.again = false;
    this.inFlight = this.run().finally(() => {
      this.inFlight = null;
    });
    await this.inFlight;
    if (this.again) return this.saveNow();
    return this.state;
  }

  /** Conflict resolved by keeping this page's fields: they are saved over the other version. */
  async keepMine(): Promise<SaverState> {
    if (this.state.kind !== 'conflict') return this.state;
    const { theirs } = this.state;
    this.version = theirs.version;
    this.acknowledged = theirs.fields;
    this.setState({ kind: 'unsaved' });
    return this.saveNow();
  }

  /** Conflict resolved by taking the other version: the caller puts its fields on the page. */
  takeTheirs(): StoryFields | null {
    if (this.state.kind !== 'conflict') return null;
    const { theirs } = this.state;
    this.version = theirs.version;
    this.acknowledged = theirs.fields;
    this.options.local.clear();
    this.setState({ kind: 'saved', at: theirs.updatedAt });
    return theirs.fields;
  }

  /** Text restored from the browser after a crash: based on `version`, saved from there. */
  restored(version: number): void {
    this.version = version;
    this.changed();
    this.flush();
  }

  /** The connection came back: retry at once. */
  online(): void {
    if (this.state.kind === 'offline' || (this.state.kind === 'refused' && this.state.status === 401)) {
      void this.saveNow();
    }
  }

  private async run(): Promise<void> {
    const fields = this.options.read();
    const changes = changesFrom(this.acknowledged, fields);
    if (Object.keys(changes).length === 0) {
      if (this.keepTimer !== null) this.options.timers.clearTimeout(this.keepTimer);
      this.keepTimer = null;
      this.options.local.clear();
      if (this.state.kind !== 'saved') this.setState({ kind: 'saved', at: this.options.now().toISOString() });
      return;
    }
    this.keepLocally(fields);
    this.setState({ kind: 'saving' });
    const result = await this.options.send(this.version, changes);
    switch (result.kind) {
      case 'saved': {
        this.retries = 0;
        this.version = result.state.version;
        this.acknowledged = fields;
        this.options.onSaved?.(result.state);
        if (this.dirty) {
          this.setState({ kind: 'unsaved' });
          this.schedule(this.options.quietMs);
        } else {
          this.options.local.clear();
          this.setState({ kind: 'saved', at: result.state.updatedAt });
        }
        return;
      }
      case 'conflict':
        this.again = false;
        this.setState({ kind: 'conflict', theirs: result.theirs, mine: this.options.read() });
        return;
      case 'unreachable':
        this.setState({ kind: 'offline' });
        this.retryLater();
        return;
      case 'refused':
        this.again = false;
        this.setState({ kind: 'refused', status: result.status, message: result.message });
        // A person signed out elsewhere may sign in again in another tab: keep trying quietly.
        if (result.status === 401) this.retryLater();
        return;
    }
  }

  private retryLater(): void {
    const delay = retryDelaysMs[Math.min(this.retries, retryDelaysMs.length - 1)] ?? 30_000;
    this.retries += 1;
    this.schedule(delay);
  }

  private keepLocally(fields = this.options.read()): void {
    this.options.local.write({ version: this.version, fields, at: this.options.now().toISOString() });
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.options.timers.setTimeout(() => {
      this.timer = null;
      void this.saveNow();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.options.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private setState(state: SaverState): void {
    this.state = state;
    this.options.onState(state);
  }
}
