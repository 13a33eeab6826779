import type { DatasetSources } from '../../core/data/resolve';

/** Built-in data files are served from public/datasets next to the app. */
export function browserSources(uploaded: DatasetSources['uploaded'] | null): DatasetSources {
  const sources: DatasetSources = {
    readBuiltinFile: async (file) => {
      const res = await fetch(`${import.meta.env.BASE_URL}datasets/${file}`);
      if (!res.ok) throw new Error(`Could not load the built-in dataset ${file} (HTTP ${res.status}).`);
      return res.text();
    },
  };
  if (uploaded) sources.uploaded = uploaded;
  return sources;
}
