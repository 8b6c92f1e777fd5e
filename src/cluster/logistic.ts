// Binary logistic regression fitted by Newton's method (iteratively reweighted least squares) with an L2 penalty:
// exact, deterministic and fast for the few features the event model has (a 16 × 16 system a step).

/** Weights minimising the mean log-loss plus `l2`/2 · |w|² (the first weight, the bias, is not penalised). */
export function fitLogistic(X: number[][], y: number[], l2 = 1e-3, iterations = 30): number[] {
  const d = X[0]?.length ?? 0;
  const n = X.length;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const x = X[i];
      let z = 0;
      for (let j = 0; j < d; j++) z += w[j] * x[j];
      const p = 1 / (1 + Math.exp(-z));
      const g = p - y[i];
      const h = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        if (x[j] === 0) continue;
        grad[j] += (g * x[j]) / n;
        for (let k = 0; k < d; k++) hess[j][k] += (h * x[j] * x[k]) / n;
      }
    }
    for (let j = 1; j < d; j++) {
      grad[j] += l2 * w[j];
      hess[j][j] += l2;
    }
    hess[0][0] += 1e-9;
    const step = solve(hess, grad);
    w = w.map((v, j) => v - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

/** Solves A·x = b by Gaussian elimination with partial pivoting (A is small and positive definite here). */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) pivot = r;
    [m[c], m[pivot]] = [m[pivot], m[c]];
    const p = m[c][c] || 1e-12;
    for (let r = c + 1; r < n; r++) {
      const f = m[r][c] / p;
      if (!f) continue;
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r][n];
    for (let k = r + 1; k < n; k++) s -= m[r][k] * x[k];
    x[r] = s / (m[r][r] || 1e-12);
  }
  return x;
}
