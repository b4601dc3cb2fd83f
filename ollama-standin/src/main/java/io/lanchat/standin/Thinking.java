package io.lanchat.standin;

/**
 * How a stand-in model thinks, after the kinds of models Ollama serves (docs/capabilities/thinking.mdx).
 */
public enum Thinking {
    /** No thinking: {@code /api/show} lists no {@code thinking} capability; {@code think:true} or a level is a 400. */
    NONE,
    /**
     * On/off thinking, as qwen3 or deepseek-r1 today: the {@code thinking} capability, {@code /api/show}
     * {@code thinking.values [true,false]}; thinks unless {@code think:false}, in {@code message.thinking} chunks
     * before the {@code message.content} ones.
     */
    TOGGLE,
    /**
     * Named levels only, as gpt-oss: {@code thinking.values ["low","medium","high"]}, default {@code medium};
     * {@code true} means the default level, {@code max} the highest, and {@code false} cannot stop its trace
     * (it thinks at the lowest level).
     */
    LEVELS,
    /**
     * A model whose template leaves the reasoning in the answer, as deepseek-r1 did before Ollama parsed it: no
     * {@code thinking} capability (so {@code think:true} is a 400), and every reply starts with
     * {@code <think>…</think>} inside {@code message.content}.
     */
    INLINE
}
