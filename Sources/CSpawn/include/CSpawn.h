#ifndef CSPAWN_H
#define CSPAWN_H
#include <spawn.h>

/// Makes a spawned child close every descriptor from `lowest` up, so it inherits only what
/// the file actions set up (glibc's posix_spawn_file_actions_addclosefrom_np).
int cspawn_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

/// pipe2(fds, O_CLOEXEC): both ends close-on-exec from the start, with no window in which a
/// concurrent spawn could inherit them.
int cspawn_pipe_cloexec(int fds[2]);

/// mallopt(M_ARENA_MAX, 1): one malloc arena for every thread, so memory a thread freed can
/// be reused by the others.
int cspawn_single_malloc_arena(void);

#endif
