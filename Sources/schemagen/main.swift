import EmbeddedPostgres
import Glibc
let pg = try EmbeddedPostgres.start()
print(pg.directory)
fflush(nil)
sleep(100)
