// Embeds Noto Sans Arabic (the @fontsource copy the app already ships) as data: URLs, so Arabic prints
// in the same face on every machine, offline. Where the files cannot be read, system fonts are used.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const ARABIC_RANGE = 'U+0600-06FF, U+0750-077F, U+0870-08FF, U+200C-200E, U+FB50-FDFF, U+FE70-FEFF';
const WEIGHTS = [400, 700] as const;

export type FontFileReader = (weight: number) => Promise<Buffer>;

const packagedFont: FontFileReader = (weight) => {
  const require = createRequire(import.meta.url);
  return readFile(
    require.resolve(
      `@fontsource/noto-sans-arabic/files/noto-sans-arabic-arabic-${weight}-normal.woff2`,
    ),
  );
};

export interface ReportFontCss {
  css: string;
  /** Why the embedded font is missing (the report then uses the system's Arabic font). */
  problem: string | null;
}

export async function loadReportFontCss(
  readFont: FontFileReader = packagedFont,
): Promise<ReportFontCss> {
  try {
    const faces = await Promise.all(
      WEIGHTS.map(async (weight) => {
        const data = (await readFont(weight)).toString('base64');
        return `@font-face { font-family: 'Noto Sans Arabic'; font-style: normal; font-weight: ${weight}; src: url(data:font/woff2;base64,${data}) format('woff2'); unicode-range: ${ARABIC_RANGE}; }`;
      }),
    );
    return { css: faces.join('\n'), problem: null };
  } catch (error) {
    return {
      css: '',
      problem: `Noto Sans Arabic could not be embedded: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
