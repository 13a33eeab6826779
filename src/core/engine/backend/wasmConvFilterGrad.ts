import * as tf from '@tensorflow/tfjs-core';

type Info = { dataId: object; shape: number[]; dtype: tf.DataType };

/**
 * tfjs 4.22's WASM backend lacks the Conv2DBackpropFilter kernel, so a CNN cannot train on it.
 * A 2-D filter gradient is the 3-D one with a depth of 1: this registers Conv2DBackpropFilter for
 * 'wasm' by viewing x and dy as 5-D (same data, no copy) and running the backend's own
 * Conv3DBackpropFilterV2. Call once after the WASM backend is registered; idempotent.
 */
export function registerWasmConv2dFilterGrad(): void {
  const conv3d = tf.getKernel('Conv3DBackpropFilterV2', 'wasm');
  if (!conv3d || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs, backend }) => {
      const { x, dy } = inputs as unknown as { x: Info; dy: Info };
      const { strides, pad, dataFormat, filterShape } = attrs as unknown as {
        strides: number | [number, number];
        pad: 'valid' | 'same' | number;
        dataFormat: 'NHWC' | 'NCHW';
        filterShape: [number, number, number, number];
      };
      if (dataFormat !== 'NHWC' || typeof pad !== 'string') throw new Error('WASM Conv2DBackpropFilter supports NHWC with "same" or "valid" padding only.');
      const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
      const as5d = (t: Info): Info => ({ ...t, shape: [t.shape[0] ?? 1, 1, ...t.shape.slice(1)] });
      const dw = conv3d.kernelFunc({
        inputs: { x: as5d(x), dy: as5d(dy) } as unknown as tf.NamedTensorInfoMap,
        backend,
        attrs: { strides: [1, sh, sw], pad, filterShape: [1, ...filterShape] },
      }) as Info;
      return { ...dw, shape: [...filterShape] } as unknown as tf.TensorInfo;
    },
  });
}
