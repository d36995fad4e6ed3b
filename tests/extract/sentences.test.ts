import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { guessLanguage, splitParagraphs, splitSentences } from '../../src/extract/sentences.ts';
import type { Sentence } from '../../src/extract/types.ts';

// The article format of CONTRACT §2: the body follows the second `---` line,
// and the file adds one trailing newline.
function articleBody(id: string): string {
  const raw = readFileSync(new URL(`../../data/kazakhstan-unrest/articles/${id}.md`, import.meta.url), 'utf8');
  const parts = raw.split(/^---\n/m);
  return parts.slice(2).join('---\n').replace(/\n$/, '');
}

const ARTICLES = ['000', '001', '002', '003', '004'];

function texts(body: string): string[] {
  return splitSentences(body).map((s) => s.text);
}

function expectTrueOffsets(body: string, sentences: Sentence[]): void {
  for (const s of sentences) {
    expect(body.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    expect(s.text).not.toMatch(/[\n\r]/);
  }
}

describe('splitParagraphs', () => {
  it('splits on blank lines and counts from 0', () => {
    const body = 'One.\n\nTwo.\n\n\n\nThree.';
    expect(splitParagraphs(body)).toEqual([
      { index: 0, start: 0, end: 4, text: 'One.' },
      { index: 1, start: 6, end: 10, text: 'Two.' },
      { index: 2, start: 14, end: 20, text: 'Three.' },
    ]);
  });

  it('treats whitespace-only lines as blank', () => {
    const body = 'One.\n   \t\nTwo.\n \u00a0 \nThree.';
    expect(splitParagraphs(body).map((p) => p.text)).toEqual(['One.', 'Two.', 'Three.']);
  });

  it('keeps lines without a blank line between them in one paragraph', () => {
    const body = 'Headline\nFirst line.\nSecond line.\n\nNext.';
    const [first, second] = splitParagraphs(body);
    expect(first!.text).toBe('Headline\nFirst line.\nSecond line.');
    expect(second!.text).toBe('Next.');
  });

  it('trims surrounding whitespace and moves the offsets with it', () => {
    const body = '\n\n  Indented text.  \n\n\t Tabbed. \n';
    const paragraphs = splitParagraphs(body);
    expect(paragraphs.map((p) => p.text)).toEqual(['Indented text.', 'Tabbed.']);
    for (const p of paragraphs) expect(body.slice(p.start, p.end)).toBe(p.text);
    expect(paragraphs[0]!.start).toBe(4);
  });

  it('handles CRLF line breaks', () => {
    const body = 'One.\r\nStill one.\r\n\r\nTwo.';
    expect(splitParagraphs(body).map((p) => p.text)).toEqual(['One.\r\nStill one.', 'Two.']);
  });

  it('gives nothing for an empty or blank body', () => {
    expect(splitParagraphs('')).toEqual([]);
    expect(splitParagraphs(' \n\n \t\n')).toEqual([]);
  });

  it('slices to its text for every paragraph of the real articles', () => {
    for (const id of ARTICLES) {
      const body = articleBody(id);
      const paragraphs = splitParagraphs(body);
      expect(paragraphs.length).toBeGreaterThan(5);
      paragraphs.forEach((p, i) => {
        expect(p.index).toBe(i);
        expect(body.slice(p.start, p.end)).toBe(p.text);
        expect(p.text).not.toMatch(/\n[ \t]*\n/);
      });
    }
  });
});

describe('splitSentences: lines', () => {
  it('makes every line a sentence, full stop or not', () => {
    const body =
      'Russian battalion\n\nSecurity forces deployed in Almaty to quell protests (Reuters)\n\nJan 6 2022\nBy Al Mayadeen Net';
    expect(texts(body)).toEqual([
      'Russian battalion',
      'Security forces deployed in Almaty to quell protests (Reuters)',
      'Jan 6 2022',
      'By Al Mayadeen Net',
    ]);
  });

  it('never crosses a line break, even inside a paragraph or after an abbreviation', () => {
    expect(texts('It was said by Mr.\nSmith later.')).toEqual(['It was said by Mr.', 'Smith later.']);
    expect(texts('a line that goes on\nand on')).toEqual(['a line that goes on', 'and on']);
  });

  it('handles CRLF without putting \\r into a sentence', () => {
    const body = 'One.\r\nTwo.\r\n\r\nThree.';
    const sentences = splitSentences(body);
    expect(sentences.map((s) => s.text)).toEqual(['One.', 'Two.', 'Three.']);
    expectTrueOffsets(body, sentences);
  });

  it('records the paragraph index of each sentence', () => {
    const body = 'Headline\n\nFirst. Second.\nThird.\n\n\nFourth.';
    expect(splitSentences(body).map((s) => [s.text, s.paragraph])).toEqual([
      ['Headline', 0],
      ['First.', 1],
      ['Second.', 1],
      ['Third.', 1],
      ['Fourth.', 2],
    ]);
  });

  it('gives true, trimmed offsets', () => {
    const body = '  Leading space.   Trailing space.  \n\n\tTabbed!  ';
    const sentences = splitSentences(body);
    expect(sentences.map((s) => s.text)).toEqual(['Leading space.', 'Trailing space.', 'Tabbed!']);
    expectTrueOffsets(body, sentences);
    expect(sentences[1]!.start).toBe(19);
  });
});

describe('splitSentences: sentence ends', () => {
  it.each([
    ['full stop', 'Police arrived. Crowds left.', ['Police arrived.', 'Crowds left.']],
    ['exclamation mark', 'Stop it! Nobody listened.', ['Stop it!', 'Nobody listened.']],
    [
      'question mark',
      'How did the world react? Moscow spoke first.',
      ['How did the world react?', 'Moscow spoke first.'],
    ],
    ['ellipsis character', 'They waited… Nothing came.', ['They waited…', 'Nothing came.']],
    ['three dots', 'They waited... Nothing came.', ['They waited...', 'Nothing came.']],
    ['run of marks', 'Really?! Yes.', ['Really?!', 'Yes.']],
  ])('ends a sentence at a %s', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it.each([
    ['curly double quote', '“It is over.” He left.', ['“It is over.”', 'He left.']],
    ['straight double quote', '"It is over." He left.', ['"It is over."', 'He left.']],
    ['curly single quote', '‘It is over.’ He left.', ['‘It is over.’', 'He left.']],
    ['bracket', '(It was over.) He left.', ['(It was over.)', 'He left.']],
    ['guillemet', '«C’est fini.» He left.', ['«C’est fini.»', 'He left.']],
    ['quote after a question', '“Why?” Nobody knew.', ['“Why?”', 'Nobody knew.']],
  ])('keeps a closing %s with the sentence it closes', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it.each([
    ['a digit', 'Many died. 26 were named.', ['Many died.', '26 were named.']],
    ['an opening curly quote', 'He added. “It is over.”', ['He added.', '“It is over.”']],
    ['an opening straight quote', 'He added. "It is over."', ['He added.', '"It is over."']],
    ['an opening bracket', 'He added. (This was later denied.)', ['He added.', '(This was later denied.)']],
    ['a Cyrillic letter', 'He wrote in Russian. Все спокойно.', ['He wrote in Russian.', 'Все спокойно.']],
    ['an Arabic letter', 'He wrote in Arabic. الوضع هادئ.', ['He wrote in Arabic.', 'الوضع هادئ.']],
  ])('ends a sentence before %s', (_name, body, expected) => {
    expect(texts(body)).toEqual(expected);
  });

  it('does not end a sentence before a lowercase word', () => {
    expect(texts('The claims are false. and the US denies them.')).toEqual([
      'The claims are false. and the US denies them.',
    ]);
  });

  it('does not end a sentence before a dash or symbol', () => {
    expect(texts('He said so. — Reuters')).toEqual(['He said so. — Reuters']);
  });

  it('does not end a sentence where no space follows', () => {
    expect(texts('See www.example.org for more. Then leave.')).toEqual([
      'See www.example.org for more.',
      'Then leave.',
    ]);
  });

  it('ends sentences in Arabic at ., ؟, ! and the line end', () => {
    const body = 'قالت الشرطة إن الوضع هادئ. هل انتهت الأزمة؟ لا! وسائل إعلام: تبادل لإطلاق النار';
    expect(texts(body)).toEqual([
      'قالت الشرطة إن الوضع هادئ.',
      'هل انتهت الأزمة؟',
      'لا!',
      'وسائل إعلام: تبادل لإطلاق النار',
    ]);
  });

  it('ends sentences at full-width stops without a following space', () => {
    expect(texts('局势平静。没有伤亡！真的吗？')).toEqual(['局势平静。', '没有伤亡！', '真的吗？']);
  });
});

describe('splitSentences: abbreviations', () => {
  it.each(['Mr', 'Mrs', 'Ms', 'Dr', 'Gen', 'Lt', 'Col', 'Sgt', 'Capt', 'Gov', 'Sen', 'Rep', 'Pres', 'St', 'Prof'])(
    'does not end a sentence after the title %s.',
    (title) => {
      expect(texts(`It was ${title}. Smith who spoke. Then it ended.`)).toEqual([
        `It was ${title}. Smith who spoke.`,
        'Then it ended.',
      ]);
    },
  );

  it.each(['Jan', 'Feb', 'Mar', 'Apr', 'Aug', 'Sept', 'Sep', 'Oct', 'Nov', 'Dec'])(
    'does not end a sentence after the month %s.',
    (month) => {
      expect(texts(`Protests began on ${month}. 2 in the west. They spread.`)).toEqual([
        `Protests began on ${month}. 2 in the west.`,
        'They spread.',
      ]);
    },
  );

  it.each(['U.S.', 'U.N.', 'U.K.', 'E.U.'])('does not end a sentence after %s', (name) => {
    expect(texts(`The ${name} Embassy issued a warning. It was brief.`)).toEqual([
      `The ${name} Embassy issued a warning.`,
      'It was brief.',
    ]);
  });

  it.each(['Inc.', 'Ltd.', 'Co.', 'Corp.', 'etc.'])('does not end a sentence at %s before lowercase', (abbr) => {
    expect(texts(`Shares of Acme ${abbr} fell sharply. Trading stopped.`)).toEqual([
      `Shares of Acme ${abbr} fell sharply.`,
      'Trading stopped.',
    ]);
  });

  it.each(['Inc.', 'Ltd.', 'Co.', 'Corp.', 'No.', 'etc.'])('does not end a sentence at %s before a number', (abbr) => {
    expect(texts(`It named Acme ${abbr} 5 times. Trading stopped.`)).toEqual([
      `It named Acme ${abbr} 5 times.`,
      'Trading stopped.',
    ]);
  });

  it.each(['Inc.', 'Ltd.', 'Co.', 'Corp.', 'No.', 'etc.'])(
    'ends a sentence at %s before a capital, where such words usually close one',
    (abbr) => {
      expect(texts(`The deal went to Acme ${abbr} The talks ended.`)).toEqual([
        `The deal went to Acme ${abbr}`,
        'The talks ended.',
      ]);
    },
  );

  it('reads "No." before a number as an abbreviation', () => {
    expect(texts('Decree No. 5 was signed. It took effect.')).toEqual(['Decree No. 5 was signed.', 'It took effect.']);
  });

  it('does not end a sentence after vs.', () => {
    expect(texts('Kazakhstan vs. Russia was the headline. It sold well.')).toEqual([
      'Kazakhstan vs. Russia was the headline.',
      'It sold well.',
    ]);
  });

  it.each(['e.g.', 'i.e.'])('does not end a sentence after %s', (abbr) => {
    expect(texts(`The largest city, ${abbr} Almaty, was hit. Others too.`)).toEqual([
      `The largest city, ${abbr} Almaty, was hit.`,
      'Others too.',
    ]);
  });

  it.each(['a.m.', 'p.m.'])('does not end a sentence after %s before lowercase or a number', (abbr) => {
    expect(texts(`The curfew starts at 11 ${abbr} every day. It holds.`)).toEqual([
      `The curfew starts at 11 ${abbr} every day.`,
      'It holds.',
    ]);
    expect(texts(`At 11 ${abbr} 20 people were detained.`)).toEqual([`At 11 ${abbr} 20 people were detained.`]);
  });

  it('does not end a sentence after a single capital initial', () => {
    expect(texts('Joe R. Biden spoke. Others agreed.')).toEqual(['Joe R. Biden spoke.', 'Others agreed.']);
  });

  it('does not end a sentence inside a number', () => {
    expect(texts('Prices rose 2.5 times. Protests followed.')).toEqual([
      'Prices rose 2.5 times.',
      'Protests followed.',
    ]);
  });

  it('ends a sentence after a year', () => {
    expect(texts('He has been in office since 2019. After his election there were protests.')).toEqual([
      'He has been in office since 2019.',
      'After his election there were protests.',
    ]);
  });

  it('ends a sentence after an ordinary word ending in an abbreviation’s letters', () => {
    expect(texts('The talks took place in the US. The EU agreed.')).toEqual([
      'The talks took place in the US.',
      'The EU agreed.',
    ]);
  });
});

describe('splitSentences: corpus quirks', () => {
  it('keeps "freedom of speech. media." together', () => {
    expect(texts('It backs freedom of speech. media. Blinken also called.')).toEqual([
      'It backs freedom of speech. media.',
      'Blinken also called.',
    ]);
  });

  it('keeps a doubled full stop ". ." inside the sentence it closes', () => {
    expect(texts('At the request of President Kassym-Gomert Tokayev. .\n\n"The CSTO has sent a force."')).toEqual([
      'At the request of President Kassym-Gomert Tokayev. .',
      '"The CSTO has sent a force."',
    ]);
    expect(texts('He asked Tokayev. . Then he left.')).toEqual(['He asked Tokayev. .', 'Then he left.']);
  });

  it('keeps the stray drop-cap "A.In" as the start of the first sentence', () => {
    expect(texts('A.In the face of the unrest, an alliance has pledged aid. The troops will come.')).toEqual([
      'A.In the face of the unrest, an alliance has pledged aid.',
      'The troops will come.',
    ]);
  });

  it('keeps a sentence missing its full stop as one sentence', () => {
    expect(texts('but the terrorists do not They still use weapons.')).toEqual([
      'but the terrorists do not They still use weapons.',
    ]);
  });

  it('does not split a URL at its dots', () => {
    const line = 'Read the full statement 👉 https://t.co/sB3nDarrw9 — Nabila Massrali (@NabilaEUspox) January 5, 2022';
    expect(texts(`Escalation must stop. ${line}`)).toEqual(['Escalation must stop.', line]);
  });

  it('does not split at an ellipsis inside a quote before a lowercase word', () => {
    const sentence = 'Moscow called for a “peaceful solution… through dialogue, not through street riots.”';
    expect(texts(`${sentence} “We are following closely,” it said.`)).toEqual([
      sentence,
      '“We are following closely,” it said.',
    ]);
  });
});

describe('splitSentences: lang', () => {
  it('tags Arabic sentences "ar" and leaves English ones null', () => {
    const sentences = splitSentences('Police fired tear gas.\n\nقالت الشرطة إن الوضع هادئ.');
    expect(sentences.map((s) => s.lang)).toEqual([null, 'ar']);
  });

  it('goes by the majority of letters, not by their presence', () => {
    expect(splitSentences('The word for police is شرطة in Arabic.')[0]!.lang).toBeNull();
    expect(splitSentences('أعلنت منظمة CSTO إرسال قوات حفظ السلام.')[0]!.lang).toBe('ar');
  });

  it('tags Cyrillic and Han by their script', () => {
    expect(splitSentences('Ситуация в Алматы остается сложной.')[0]!.lang).toBe('ru');
    expect(splitSentences('哈萨克斯坦局势紧张。')[0]!.lang).toBe('zh');
  });

  it('leaves sentences without letters null', () => {
    expect(splitSentences('2022 — 5,000')[0]!.lang).toBeNull();
  });

  it('leaves sentences in the article’s own language null', () => {
    const body = 'قالت الشرطة إن الوضع هادئ.\n\nВсе спокойно.';
    expect(splitSentences(body, 'ar').map((s) => s.lang)).toEqual([null, 'ru']);
    expect(splitSentences(body, 'ar-SY').map((s) => s.lang)).toEqual([null, 'ru']);
    expect(splitSentences(body).map((s) => s.lang)).toEqual(['ar', 'ru']);
  });
});

describe('guessLanguage', () => {
  it.each([
    ['Hello there', null],
    ['مرحبا بكم', 'ar'],
    ['Привет всем', 'ru'],
    ['你好世界', 'zh'],
    ['こんにちは', 'ja'],
    ['안녕하세요', 'ko'],
    ['שלום לכולם', 'he'],
    ['Καλημέρα σας', 'el'],
    ['12 345', null],
    ['', null],
  ])('guesses %j as %j', (text, lang) => {
    expect(guessLanguage(text)).toBe(lang);
  });

  it('needs strictly more non-Latin than Latin letters', () => {
    expect(guessLanguage('abcd ابجد')).toBeNull();
    expect(guessLanguage('abc ابجد')).toBe('ar');
  });
});

describe('splitSentences: the real articles', () => {
  it('gives true offsets and covers every non-whitespace character exactly once', () => {
    for (const id of ARTICLES) {
      const body = articleBody(id);
      const sentences = splitSentences(body);
      expectTrueOffsets(body, sentences);
      const covered = new Array<number>(body.length).fill(0);
      let previousEnd = 0;
      for (const s of sentences) {
        expect(s.start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = s.end;
        for (let i = s.start; i < s.end; i += 1) covered[i] = covered[i]! + 1;
      }
      for (let i = 0; i < body.length; i += 1) {
        if (/\S/u.test(body[i]!)) expect(covered[i], `${id} at ${i}`).toBe(1);
      }
    }
  });

  it.each([
    [
      '000',
      'She added that the death toll from the events taking place in the country among the security forces rose to 18 dead and 748 wounded.',
    ],
    ['000', 'American contact'],
    ['000', 'Russian battalion'],
    ['000', 'Security forces deployed in Almaty to quell protests (Reuters)'],
    [
      '000',
      'With the rapid developments that included declaring a state of emergency throughout the country and completely halting flights to and from Kazakhstan, the Russia-sponsored Collective Security Treaty Organization announced that Moscow had sent the first battalion of "peacekeepers" at the request of President Kassym-Gomert Tokayev. .',
    ],
    [
      '001',
      'State television quoted the President of Kazakhstan, Kassym-Jomart Tokayev, today, Friday, as saying that the constitutional order has been mostly restored.',
    ],
    [
      '001',
      'Yesterday, Thursday, the Organization of Islamic Cooperation expressed its deep concern about the violence in Kazakhstan, calling for its rejection.',
    ],
    [
      '002',
      'More than 18 security personnel were also killed and hundreds more wounded, according to what the local authorities announced yesterday.',
    ],
    ['003', 'Jan 6 2022'],
    ['003', 'Some 190 have been reported injured in the clashes.'],
    ['003', 'Read the full statement 👉 https://t.co/sB3nDarrw9 — Nabila Massrali (@NabilaEUspox) January 5, 2022'],
    [
      '003',
      'Moscow called for a “peaceful solution… through dialogue, not through street riots and violation of laws.”',
    ],
    ['004', 'A.In the face of the unrest in Kazakhstan, a Russian-led military alliance has pledged aid.'],
    [
      '004',
      'There are also 317 injured among the security forces, the Sputnik news agency reported on Wednesday, citing the Ministry of the Interior.',
    ],
  ])('%s has the sentence %j', (id, sentence) => {
    expect(texts(articleBody(id))).toContain(sentence);
  });

  it('keeps the sentence of 001 that lacks a full stop whole', () => {
    const sentence = texts(articleBody('001')).find((t) => t.includes('the terrorists do not They'));
    expect(sentence).toMatch(
      /^The Kazakh president said – in a statement – that “the forces.*property of citizens\.”$/,
    );
  });

  it('tags the Arabic passage of 003, and only it', () => {
    const sentences = splitSentences(articleBody('003'));
    const arabic = sentences.filter((s) => s.lang === 'ar');
    expect(arabic).toHaveLength(17);
    expect(arabic[0]!.text.startsWith('وكالة “سبوتنيك” تشير')).toBe(true);
    expect(sentences.filter((s) => s.lang !== null && s.lang !== 'ar')).toEqual([]);
    expect(sentences.slice(sentences.indexOf(arabic[0]!)).every((s) => s.lang === 'ar')).toBe(true);
    for (const id of ['000', '001', '002', '004']) {
      expect(splitSentences(articleBody(id)).every((s) => s.lang === null)).toBe(true);
    }
  });
});
