package dev.switchboard.core.config;

/**
 * How a model family turns reasoning ("thinking") on and off in a chat completion request.
 */
public enum ReasoningFamily {
    /** Qwen3 on vLLM/SGLang: {@code chat_template_kwargs.enable_thinking}. */
    QWEN3,
    /** DeepSeek V3.1+: {@code chat_template_kwargs.thinking}. */
    DEEPSEEK,
    /** gpt-oss and OpenAI o-series: {@code reasoning_effort}. */
    GPT_OSS,
    /** The model has no switch; the request is left as is. */
    NONE
}
