/*
 * cmdline.c: leading "--solo5:<level>" words select the log level and are
 * removed from the command line the application sees.
 */
#include "runtime.h"

static const struct {
    const char *word;
    log_level_t level;
} level_words[] = {
    { "--solo5:quiet", LOG_ERROR },
    { "--solo5:error", LOG_ERROR },
    { "--solo5:warn", LOG_WARN },
    { "--solo5:info", LOG_INFO },
    { "--solo5:debug", LOG_DEBUG },
};

#define N_LEVEL_WORDS (sizeof level_words / sizeof level_words[0])

static const char *skip_space(const char *p)
{
    while (*p != '\0' && isspace((unsigned char)*p))
        p++;
    return p;
}

/* If (p) starts with a level word followed by a space or the end, eat it. */
static const char *match_word(const char *p)
{
    for (size_t i = 0; i < N_LEVEL_WORDS; i++) {
        size_t n = strlen(level_words[i].word);
        if (strncmp(p, level_words[i].word, n) == 0 &&
                (p[n] == '\0' || isspace((unsigned char)p[n]))) {
            log_set_level(level_words[i].level);
            return p + n;
        }
    }
    return NULL;
}

const char *cmdline_parse(const char *cmdline)
{
    const char *p = skip_space(cmdline);
    const char *next;

    while (*p != '\0' && (next = match_word(p)) != NULL)
        p = skip_space(next);
    return p;
}
