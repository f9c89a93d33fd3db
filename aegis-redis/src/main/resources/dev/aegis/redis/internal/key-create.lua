-- Stores a new virtual key unless its id is taken; ARGV: description, hash, expire-at (unix ms, 0: none).
-- KEYS[1] the key's hash. Returns 1 when stored, 0 when the id was taken.
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'desc', ARGV[1], 'hash', ARGV[2])
if tonumber(ARGV[3]) > 0 then redis.call('PEXPIREAT', KEYS[1], ARGV[3]) end
return 1
