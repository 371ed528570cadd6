// A short two-tone beep from an oscillator (no audio file ships with the console). Where the
// platform has no Web Audio (jsdom) or refuses to play before a gesture, the bar stays silent.
interface AudioContextLike {
  currentTime: number;
  destination: AudioNode;
  state: string;
  resume(): Promise<void>;
  close(): Promise<void>;
  createOscillator(): OscillatorNode;
  createGain(): GainNode;
}

type AudioContextCtor = new () => AudioContextLike;

export function playPageSound(): void {
  const scope = globalThis as {
    AudioContext?: AudioContextCtor;
    webkitAudioContext?: AudioContextCtor;
  };
  const Context = scope.AudioContext ?? scope.webkitAudioContext;
  if (!Context) return;
  try {
    const context = new Context();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    const gain = context.createGain();
    gain.gain.value = 0.08;
    gain.connect(context.destination);
    const start = context.currentTime;
    [880, 660].forEach((frequency, index) => {
      const tone = context.createOscillator();
      tone.type = 'sine';
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(start + index * 0.18);
      tone.stop(start + index * 0.18 + 0.15);
    });
    setTimeout(() => void context.close().catch(() => undefined), 1000);
  } catch {
    // A console that cannot beep still shows the bar; sound is a courtesy, not the signal.
  }
}
