import { describe, expect, it } from 'vitest';
import { chooseByTrial, describeGpus, gpuCandidates, isSoftwareRenderer } from './backendChoice';

describe('Auto backend choice', () => {
  it('tells software rasterisers from hardware renderers', () => {
    for (const r of ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'llvmpipe (LLVM 15.0.6, 256 bits)', 'Microsoft Basic Render Driver', 'softpipe', 'google swiftshader']) expect(isSoftwareRenderer(r), r).toBe(true);
    for (const r of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Apple M2', 'Mesa Intel(R) UHD Graphics 620 (KBL GT2)', 'AMD Radeon Pro 5500M OpenGL Engine']) expect(isSoftwareRenderer(r), r).toBe(false);
  });

  it('trials hardware GPUs only, WebGPU first', () => {
    expect(gpuCandidates({ webgpu: { hardware: true, description: 'nvidia' }, webgl: { hardware: true, description: 'NVIDIA' } })).toEqual(['webgpu', 'webgl']);
    expect(gpuCandidates({ webgpu: { hardware: false, description: 'software adapter' }, webgl: { hardware: true, description: 'Intel' } })).toEqual(['webgl']);
    expect(gpuCandidates({ webgpu: null, webgl: { hardware: false, description: 'SwiftShader' } })).toEqual([]);
    expect(describeGpus({ webgpu: null, webgl: { hardware: false, description: 'SwiftShader' } })).toBe('no WebGPU adapter; WebGL: software renderer SwiftShader');
  });

  it('picks the fastest backend that ran, and says what it measured', () => {
    const c = chooseByTrial(
      [
        { name: 'webgpu', ms: null },
        { name: 'webgl', ms: 3.24 },
        { name: 'wasm', ms: 12.0 },
      ],
      '60.0',
    );
    expect(c?.name).toBe('webgl');
    expect(c?.reason).toBe("Auto: WebGL, fastest in a one-step trial of this model's size (60.0 M multiply-adds): WebGPU failed, WebGL 3.2 ms, WASM 12.0 ms");
    expect(chooseByTrial([{ name: 'wasm', ms: 2 }, { name: 'webgl', ms: 9 }], '50.0')?.name).toBe('wasm');
    expect(chooseByTrial([{ name: 'webgl', ms: null }], '50.0')).toBeNull();
  });
});
