const { openStore } = await import('/work/main/dist/store/index.js');
const s = await openStore(process.argv[2]);
for (const w of ['swine flu', 'Mubarak', 'Port-au-Prince']) {
  const times = [];
  for (let i = 0; i < 15; i++) { const t = performance.now(); await s.search({ text: w }); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log(w, times.map((x) => x.toFixed(0)).join(' '));
}
await s.close();
