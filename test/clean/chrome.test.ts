// Page chrome removed by the named line patterns of data/boilerplate.json (issue 18): timestamps and "last updated"
// lines, bylines with stamps, captions and credits, reader comments, share and tweet widgets, read-more links,
// newsletter and edition prompts, category labels. Each kind goes with its reason; sentences of reporting that only
// mention a tweet, an update, a time or a photo stay. Inputs are written for the purpose (fictional places and names)
// in the shapes the templates of news sites give them.
import { describe, expect, it } from 'vitest';
import { cleanArticles, OutletRegistry } from '../../src/clean/index.js';
import type { Article } from '../../src/model.js';

const registry = OutletRegistry.load();
const LEDE = 'The Alder river burst its banks at Kingsford overnight, flooding hundreds of homes.';
const CLOSE = 'Three bridges stayed closed on Thursday and the council opened two shelters.';

/** An article with a given title, so that no line is taken for its headline, and reporting around the lines tested. */
function clean(lines: string[], first: string[] = []): Article {
  const text = [...first, LEDE, ...lines, CLOSE].join('\n');
  const { articles } = cleanArticles([{ id: 'c', source: 'c.jsonl:1', format: 'jsonl', title: 'Kingsford flooded', published: '2026-03-12', text }], { registry });
  return articles[0];
}

/** Each line is removed whole, with the reason given. */
function expectRemoved(reason: string, lines: string[]) {
  const a = clean(lines);
  for (const line of lines) {
    expect(a.removed, line).toContainEqual({ line, reason });
    expect(a.text.split('\n'), line).not.toContain(line);
  }
  expect(a.text.split('\n')).toEqual([LEDE, CLOSE]);
}

/** Each line is kept as reporting. */
function expectKept(lines: string[]) {
  const a = clean(lines);
  expect(a.text.split('\n')).toEqual([LEDE, ...lines, CLOSE]);
}

describe('timestamps and "last updated" lines', () => {
  it('a line that is only a stamp goes, in the forms sites and wires write it', () => {
    expectRemoved('page timestamp', [
      'Last updated: 19 January, 2010 - 14:10 GMT',
      'Last updated at 10:46 GMT',
      'Sat Mar 26, 2011 9:49 am EDT',
      '| 10:25 UK time, Monday, 3 January',
      'PUBLISHED: 02:31 GMT, 12 March 2026 | UPDATED: 22:19 GMT, 12 March 2026',
      'Updated: Mar 12, 2026 - 6:54 PM',
      'Posted on Thu Mar 12, 2026 08:45 AM PDT',
      'Published: Thursday, 3/12/2026 - Updated: 2 hours ago',
      'UPDATE @ 4:02 p.m.:',
      'Saturday 9:26 a.m. UPDATE',
      'Thursday, March 12, 2026',
      'Posted on',
      'Última actualización: jueves, 12 de marzo de 2026 - 17:02 GMT',
    ]);
  });

  it('scraped text with spaced separators is still a stamp', () => {
    expectRemoved('page timestamp', ['Posted: 03 / 12 / 2026 11: 10 am EDT', 'Thursday 12 March 2026 22. 34 GMT', '12: 52 p. m. EDT March 12, 2026']);
  });

  it('a stamp glued to the start of the first lines is cut and what follows kept', () => {
    for (const stamp of [
      'Last updated: 19 January, 2010 - 14:10 GMT',
      'Sat Mar 26, 2011 9:49 am EDT',
      'Tomas Rana | 10:25 UK time, Monday, 3 January 2011',
      'Última actualización: jueves, 12 de marzo de 2026 - 17:02 GMT',
    ]) {
      const a = clean([], [`${stamp} Rescue teams worked through the night in Kingsford.`]);
      expect(a.text.split('\n')[0], stamp).toBe('Rescue teams worked through the night in Kingsford.');
      expect(a.removed, stamp).toContainEqual({ line: stamp, reason: 'page timestamp' });
    }
  });

  it('keeps sentences that mention an update, a time or a date, and headings of a timeline', () => {
    expectKept([
      'The river gauge was last updated at 10:46 GMT, when it showed 6.4 metres.',
      'The council updated its flood map on Thursday, March 12, 2026, after the river peaked.',
      'At 9:49 am on Saturday the first sandbags arrived.',
      'Posted outside the town hall, the notice told residents to boil their water.',
      'March 2010',
      '2011',
    ]);
  });
});

describe('bylines', () => {
  it('a byline with the page stamp goes whole, and a staff byline glued to the first paragraph is cut from it', () => {
    expectRemoved('byline', ['By Anna Kowal | March 12, 2026; 11:55 PM ET | Permalink | Comments (2)', 'by: Anna Kowal Updated: Mar 12, 2026 - 7:22 PM']);
    const a = clean([], ['By the Meridian Wire Staff Rescue teams worked through the night in Kingsford.']);
    expect(a.text.split('\n')[0]).toBe('Rescue teams worked through the night in Kingsford.');
    expect(a.removed).toContainEqual({ line: 'By the Meridian Wire Staff', reason: 'byline' });
  });

  it('keeps sentences that open with "By"', () => {
    expectKept(['By Thursday night, 300 homes had been evacuated.', 'By 9:00 in the morning the shelter was full.']);
  });
});

describe('captions and photo credits', () => {
  it('captions with a credit the caption rule does not read, gallery widgets and photo notes', () => {
    expectRemoved('photo caption or credit', [
      'Volunteers fill sandbags on Mill Street on Thursday. (Meridian Photo/Jan Ros)',
      'Firefighters wade through the high street. (Jan Ros/AP)',
      '(File photo)',
      'Volunteers fill sandbags on Mill Street. Photo: Courtesy',
      'Tomas Rana was lifted from his roof on Thursday. Photo credit: Kingsford Police',
      'Photo: Jan Ros, Kingsford Courier Image 1 of / 14 Caption Close',
      'Photo gallery: Kingsford under water',
      'Photo provided by the Kingsford fire brigade',
    ]);
  });

  it('keeps sentences about photos, credit and pictures', () => {
    expectKept([
      'Many homes stand on the flood plain (see picture here).',
      'Officials said the photo showed the levee before it broke.',
      'Banks will tighten credit: lending fell 5 percent',
      'The insurer said claims would be paid in full.',
    ]);
  });

  it('a copyright line goes as a copyright notice', () => {
    expectRemoved('copyright notice', ['© 2026 Meridian Media Group.', '(© 2026 KXYZ)', 'Copyright 2026 KXYZ']);
    expectKept(['Copyright lawsuits against the broadcaster were dropped in 2026.']);
  });
});

describe('reader comment threads', () => {
  it('a line opened or told by a comment stamp is a reader comment', () => {
    expectRemoved('reader comment', [
      '22nd February 2012 - 21:26 Deeply sad news.',
      'At 4:36 pm on 18 May 2009, riverwatcher wrote: The gauge near my house is already over the top.',
      'March 11, 2026 at 2:03 pm | Report abuse | The council should have built the wall years ago.',
      'Posted by: kingsfordlocal | March 11, 2026 3:35 PM | Report abuse',
      'Added: Wednesday, 11 March, 2026, 18:16 GMT 18:16 UK My street is under a metre of water.',
      'Great pictures of the old bridge Posted by riverwatcher on 11 Mar 2026',
    ]);
  });

  it('the comment form and its buttons are comment-section text', () => {
    expectRemoved('comment-section text', [
      'Notify me of follow-up comments via email.',
      'The comments to this entry are closed.',
      'Sound off in the comments below!',
      'Report abuse',
      'Reply',
    ]);
  });

  it('keeps reporting of what people wrote, posted or commented', () => {
    expectKept([
      'At 4:36 pm on Tuesday, the mayor wrote to residents asking them to leave.',
      'Residents posted photos of the flooded high street on social media.',
      'The mayor declined to comment on the closures.',
      'March 11, 2026 was the wettest day on record, the weather service said.',
    ]);
  });
});

describe('share and tweet widgets', () => {
  it('share buttons and the furniture of embedded tweets go', () => {
    expectRemoved('share or tweet widget', [
      'Tweet with a location You can add location information to your Tweets, such as your city or precise location.',
      'Add a location to your Tweets',
      'Share this: Facebook',
      'Email this',
      'Read or Share this story: http://example.com/1flood',
      '3 Retweets 2 likes',
      'Kingsford Police (@KingsfordPD) March 12, 2026',
    ]);
  });

  it('keeps sentences that mention tweets and sharing', () => {
    expectKept([
      'The mayor shared the warning in a tweet on Thursday evening.',
      '"Stay away from the river," Kingsford police tweeted.',
      'Mill Street bridge closed until further notice https://t.co/x1 — Kingsford Police (@KingsfordPD) March 12, 2026',
      'Share prices of the water company fell 4 percent.',
    ]);
  });
});

describe('"Full Article", "Read more" and "Continue reading" lines', () => {
  it('links to the rest of the story or to another one go', () => {
    expectRemoved('read-more link', [
      'Full Article',
      'Read more',
      'Read more »',
      'Continue reading',
      'Continue reading...',
      'READ MORE: Kingsford braces for a second flood crest',
      'Read more about the Alder flood defences',
      'Login Here to Read More...',
    ]);
  });

  it('keeps sentences about reading', () => {
    expectKept(['Residents who want to read more can find the report at the town hall.', 'Read more than 200 pages of the report and you find no mention of the levee.']);
  });
});

describe('prompts', () => {
  it('newsletter and alert sign-ups', () => {
    expectRemoved('newsletter, subscription or app promotion', ['Sign up for our newsletter', 'Text FLOOD to 72727 to sign up for breaking news alerts']);
    expectKept(['Text GIVE to 70077 to donate to the flood appeal, the charity said.']);
  });

  it('an edition prompt: its question goes, and its buttons are cut from the line they were glued to', () => {
    const a = clean([], ['Would you like to make this your default edition?', 'YES | NO Rescue teams worked through the night in Kingsford.']);
    expect(a.text.split('\n')[0]).toBe('Rescue teams worked through the night in Kingsford.');
    expect(a.removed).toContainEqual({ line: 'YES | NO', reason: 'edition prompt' });
    expect(a.removed).toContainEqual({ line: 'Would you like to make this your default edition?', reason: 'newsletter, subscription or app promotion' });
  });

  it("calls for readers' pictures and stories", () => {
    expectRemoved("call for readers' contributions", ['Share your photos and video of the flood with us.', 'Have you been affected by the flooding?']);
    expectKept(['Residents share their fears about the next crest.']);
  });

  it('notes that the story is developing', () => {
    expectRemoved('update notice', ['This is a developing story and will be updated.', 'Check back for updates.', 'Stay with Channel 9 for updates on this developing story.']);
    expectKept([
      'The agency said its flood model is updated every hour.',
      '"We will keep you updated," the mayor told reporters.',
      'This story has been corrected to show that the levee broke on Wednesday, not Thursday.',
    ]);
  });
});

describe('category labels and video lists', () => {
  it('"Filed under:" labels go', () => {
    expectRemoved('category label', ['Filed under: Weather', '| Filed under: Local News', 'Posted: March 12th, 2026 | Filed under: Kingsford News']);
    expectKept(['The lawsuit was filed under seal on Monday.', '| Filed under: Weather Kingsford residents were told to leave their homes.']);
  });

  it('items of a video playlist go, a live report with its time stays', () => {
    expectRemoved('video playlist item', ['2:54 Kingsford mayor speaks after the flood', '0:50 Have you seen this missing kayak? Pause']);
    expectKept(['10:15 Police say the bridge is closed.', '10:17 PM the fire crews reached the bridge']);
  });
});

describe('copyright lines name whose the page is', () => {
  const registry = OutletRegistry.load();
  const clean = (text: string) => cleanArticles([{ id: 'c', source: 'c.jsonl:1', format: 'jsonl', title: 'Kingsford flooded', published: '2026-03-12', text }], { registry }).articles[0];
  const body = 'The river burst its banks at Kingsford on Thursday, flooding more than 400 homes in the lower town.\nThe regional council opened three shelters for the families who had to leave.';

  it('credits the outlet a copyright line names, removed with its reason', () => {
    const a = clean(`${body}\n© 2016 KHOU`);
    expect(a.outlet).toBe('KHOU');
    expect(a.credits).toContainEqual({ name: 'KHOU', via: 'copyright' });
    expect(a.removed.map((r) => r.reason)).toContain('copyright notice');
  });

  it('takes an agency named in a copyright line as the agency whose copy it is, not as the outlet', () => {
    const a = clean(`${body}\nCopyright 2016 The Associated Press`);
    expect(a.agencies).toContain('AP');
    expect(a.outlet).not.toBe('AP');
  });
});

describe('a page that was only chrome', () => {
  const registry = OutletRegistry.load();
  it('keeps its given title as its text, with a warning, rather than lose the report', () => {
    const { articles, diagnostics } = cleanArticles(
      [{ id: 'v', source: 'v.jsonl:1', format: 'jsonl', title: 'Two men charged in Kingsford river shooting', published: '2026-03-12', text: 'Share this\nTweet\nRead more »' }],
      { registry },
    );
    expect(articles).toHaveLength(1);
    expect(articles[0].text).toBe('Two men charged in Kingsford river shooting');
    expect(diagnostics).toEqual([{ source: 'v.jsonl:1', reason: 'no text left after cleaning (only boilerplate): its title kept as its text', severity: 'warning' }]);
  });

  it('is skipped without a title that says something', () => {
    const { articles, diagnostics } = cleanArticles([{ id: 'w', source: 'w.jsonl:1', format: 'jsonl', title: 'Video', text: 'Share this\nTweet' }], { registry });
    expect(articles).toHaveLength(0);
    expect(diagnostics[0].severity).toBe('skipped');
  });
});
