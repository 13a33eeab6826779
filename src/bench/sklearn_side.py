"""scikit-learn's side of `npm run bench` (src/bench/compare.bench.ts): the same nets on the same rows.
(Not named sklearn.py: that would shadow the package.)

Reads a JSON job on stdin, prints a JSON result on stdout. Jobs:
- epoch: MLPClassifier(hidden, adam 1e-3, batch 200) fitted for `epochs` epochs (no early stop),
  `repeats` times; reports the median milliseconds per model-epoch.
- cv: cross_val_score of the same net over StratifiedKFold(5, shuffle) with n_jobs (1 or -1), wall ms,
  called twice (the second call finds joblib's workers started).
Each job runs on float64 rows (what np.loadtxt and pandas give, so what a user's MLPClassifier
computes in by default) and again on the same rows as float32 (MLPClassifier then keeps its
weights and products in float32, as PruneLab does); the float32 figures carry the suffix `32`.
- sweep: the default sweep's work, matched: per fold, a dense fit of `dense` epochs, then for each
  of `points` points a copy trained `finetune` more epochs (partial_fit, one epoch per call); wall ms.
"""
import copy
import json
import sys
import time
import warnings

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.neural_network import MLPClassifier

warnings.filterwarnings('ignore', category=ConvergenceWarning)
job = json.load(sys.stdin)
x = np.loadtxt(job['x'], delimiter=',', ndmin=2)
y = np.loadtxt(job['y'], delimiter=',').astype(int)


def net(epochs):
    return MLPClassifier(hidden_layer_sizes=tuple(job['hidden']), solver='adam', learning_rate_init=1e-3, batch_size=200,
                         max_iter=epochs, tol=0.0, n_iter_no_change=10 ** 9, shuffle=True, random_state=0)


def measure(x, cold):
    out = {}
    if job['kind'] == 'epoch':
        times = []
        for _ in range(job['repeats']):
            t = time.perf_counter()
            net(job['epochs']).fit(x, y)
            times.append((time.perf_counter() - t) * 1000 / job['epochs'])
        out['msPerEpoch'] = float(np.median(times))
    elif job['kind'] == 'cv':
        # Twice: the first call starts joblib's worker processes (n_jobs=-1), the second reuses them, as a
        # second call in a notebook does. Reported as ms (first) and warmMs (second).
        # The float32 pass comes second, so its first call finds the workers started: only its second is reported.
        for key in ('ms', 'warmMs'):
            t = time.perf_counter()
            cross_val_score(net(job['epochs']), x, y, cv=StratifiedKFold(5, shuffle=True, random_state=0), n_jobs=job['jobs'])
            if cold or key == 'warmMs':
                out[key] = (time.perf_counter() - t) * 1000
    elif job['kind'] == 'sweep':
        classes = np.unique(y)
        t = time.perf_counter()
        for train, _ in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
            dense = net(job['dense']).fit(x[train], y[train])
            for _ in range(job['points']):
                m = copy.deepcopy(dense)
                for _ in range(job['finetune']):
                    m.partial_fit(x[train], y[train], classes=classes)
        out['ms'] = (time.perf_counter() - t) * 1000
    return out


out = measure(x, True)
out.update({f'{k}32': v for k, v in measure(x.astype(np.float32), False).items()})
import sklearn
out['sklearn'] = sklearn.__version__
print(json.dumps(out))
