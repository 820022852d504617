// The shared C++ model, validator and push checks compiled to WebAssembly (td-model.wasm, built
// from shared/ by shared/wasm): the survey's show-if rules and the server's verdict on a
// response come from the same code the server runs.

/// The model's functions over an instantiated emscripten module (see shared/wasm).
export function wrapModel(module) {
  const call = (name, ...texts) => {
    const pointers = texts.map((text) => {
      const size = module.lengthBytesUTF8(text) + 1;
      const pointer = module._malloc(size);
      module.stringToUTF8(text, pointer, size);
      return pointer;
    });
    try {
      return JSON.parse(module.UTF8ToString(module[`_${name}`](...pointers)));
    } finally {
      for (const pointer of pointers) module._free(pointer);
    }
  };
  return {
    /// Loads the survey and its campaign ({id, survey_id, survey_version}); {ok} or {ok, error}.
    load: (survey, campaign) => call('td_load', JSON.stringify(survey), JSON.stringify(campaign)),
    /// {visible: [question ids], hidden_answers: [ids whose answers the others hide]}.
    visible: (answers) => call('td_visible', JSON.stringify(answers)),
    /// The server's verdict on pushing `response` as record `recordId`: {ok} or
    /// {ok: false, error: {code, path, message}, issues: [{code, path, message}]}.
    check: (response, recordId = response.id) =>
      call('td_check', JSON.stringify(response), typeof recordId === 'string' ? recordId : ''),
  };
}

let loading = null;

/// The model in the page, loaded once (the loader module and the .wasm beside it under /s/).
export function loadModel() {
  loading ??= import('/s/td-model.js').then((m) => m.default()).then(wrapModel);
  return loading;
}
