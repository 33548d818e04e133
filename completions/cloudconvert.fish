# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cloudconvert_global_optspecs
    string join \n api-key= sandbox region= api-url= sync-url= config= o/output= q/quiet no-progress v/verbose dry-run color= timeout= retries= V/version h/help
end

function __fish_cloudconvert_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cloudconvert_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cloudconvert_using_subcommand
    set -l cmd (__fish_cloudconvert_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -s V -l version -d 'Print version'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -f -a "task" -d 'Tasks: show, wait, list, download, cancel, retry, delete'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -f -a "job" -d 'Jobs: create (files in, results out), show, wait, list, delete'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -f -a "webhook" -d 'Webhooks: verify a delivery\'s signature'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -f -a "auth" -d 'The API key: login, status, logout'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -f -a "completions" -d 'Print the completion script for a shell'
complete -c cloudconvert -n "__fish_cloudconvert_needs_command" -f -a "import" -d 'From url, upload, s3, azure, gcs, openstack, sftp, base64, raw'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "show" -d 'Print a task as it is now'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "wait" -d 'Wait until a task is finished or failed, then print it (exit 3 if it failed)'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "list" -d 'List tasks, newest first: one per line when piped'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "download" -d 'Bring the files of export/url tasks into a folder'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "cancel" -d 'Cancel a waiting or processing task, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "retry" -d 'Run a task again as a new task, then print the new task'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and not __fish_seen_subcommand_from show wait list download cancel retry delete" -f -a "delete" -d 'Delete a task and its files now (CloudConvert otherwise keeps them for 24 hours)'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l include -d 'Fields the API leaves out unless asked (comma-separated or repeated)' -r -f -a "payload\t''
retries\t''
depends_on_tasks\t''
job\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l wait-timeout -d 'Give up waiting after this many seconds (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l status -d 'Only tasks with this status' -r -f -a "waiting\t''
processing\t''
finished\t''
error\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l operation -d 'Only tasks of this operation, e.g. import/upload or import/s3' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l job -d 'Only the tasks of this job' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l limit -d 'At most this many tasks, fetched page after page' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -s D -l dir -d 'The folder to bring the files into (made if missing)' -r -f -a "(__fish_complete_directories)"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l wait-timeout -d 'Give up waiting for a task still processing after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l force -d 'Replace files in the way'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l no-verify -d 'Skip the MD5 check against the storage\'s ETag (the size is still checked)'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from download" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand task; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -f -a "create" -d 'Create a job, send its files, and wait for it or bring its results back'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -f -a "show" -d 'Print a job (with its tasks) as it is now'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -f -a "wait" -d 'Wait until a job is finished or failed, then print it (exit 3 if it failed)'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -f -a "list" -d 'List jobs, newest first: one per line when piped'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and not __fish_seen_subcommand_from create show wait list delete" -f -a "delete" -d 'Delete a job, its tasks and their files now'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l file -d 'Send PATH into the job\'s import/upload task NAME (repeat for each)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l tag -d 'Set (or replace) the job\'s tag' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l webhook-url -d 'Set (or replace) the URL CloudConvert calls when the job ends' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l wait-timeout -d 'Stop waiting after SECS (exit 5); the job is printed as last seen' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l download -d 'Bring every export/url file of the job into DIR (implies --wait)' -r -f -a "(__fish_complete_directories)"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l limit-rate -d 'Cap the upload rate, e.g. 200K or 1M' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l wait -d 'Wait for the job to end, then print it (exit 3 if it failed)'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l force -d 'Replace files in the way of a download'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l no-verify -d 'Skip the MD5 checks: of the files sent, and of those downloaded'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l wait-timeout -d 'Give up waiting after this many seconds (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l tag -d 'Only jobs with this tag' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l status -d 'Only jobs with this status' -r -f -a "waiting\t''
processing\t''
finished\t''
error\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l limit -d 'At most this many jobs, fetched page after page' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand job; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and not __fish_seen_subcommand_from verify" -f -a "verify" -d 'Check a webhook\'s CloudConvert-Signature against its raw body'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l signature -d 'The CloudConvert-Signature header\'s value (hex HMAC-SHA256)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l secret -d 'The webhook\'s signing secret [env: CLOUDCONVERT_WEBHOOK_SECRET]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand webhook; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -f -a "login" -d 'Read an API key from stdin (or a prompt), check it, and store it in the config file'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -f -a "status" -d 'Say where the API key comes from and whether the API accepts it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and not __fish_seen_subcommand_from login status logout" -f -a "logout" -d 'Remove the stored API key from the config file'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand auth; and __fish_seen_subcommand_from logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "url" -d 'Import a file by downloading it from a URL'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "s3" -d 'Import from an Amazon S3 (or S3-compatible) bucket'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "azure" -d 'Import from an Azure Blob Storage container'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "gcs" -d 'Import from a Google Cloud Storage bucket'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "openstack" -d 'Import from OpenStack Object Storage (Swift)'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "sftp" -d 'Import from an SFTP server'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "base64" -d 'A small file (under 10 MB) sent in the request, base64-encoded'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "raw" -d 'A small UTF-8 text (under 10 MB) sent in the request'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and not __fish_seen_subcommand_from url s3 azure gcs openstack sftp base64 raw upload" -f -a "upload" -d 'Upload files or stdin, or create an upload task and its form'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l from -d 'Import every URL listed in FILE, one a line' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -s j -l jobs -d 'URLs in flight at once' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l filename -d 'Name to store it under (default: the URL\'s)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -s H -l header -d 'A header for the download, \'Name: value\'' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l record -d 'Keep the run\'s record in FILE; run again to finish' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l fail-fast -d 'Start no new URL after a failure'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from url" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l bucket -d 'The bucket to download from' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l key -d 'The object\'s key, with path' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l key-prefix -d 'Import every object under this prefix' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l region -d 'The bucket\'s region, e.g. eu-west-1' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l endpoint -d 'Endpoint of an S3-compatible service' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l access-key-id -d 'Access key id [env: AWS_ACCESS_KEY_ID]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l secret-access-key -d 'Secret access key' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l session-token -d 'Session token of temporary credentials' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l filename -d 'Name to store it under (default: the key\'s)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from s3" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l storage-account -d 'The storage account' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l storage-access-key -d 'The account\'s access key' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l sas-token -d 'A SAS token, instead of the key' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l container -d 'The container to download from' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l blob -d 'The blob\'s name, with path' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l blob-prefix -d 'Import every blob under this prefix' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l filename -d 'Name to store it under (default: the blob\'s)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from azure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l bucket -d 'The bucket to download from' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l file -d 'The file in the bucket, with path' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l file-prefix -d 'Import every file under this prefix' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l project-id -d 'The project id (api-project-...)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l client-email -d 'The service account\'s email' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l private-key -d 'Its private key (PEM), - for stdin' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l credentials-file -d 'A service-account JSON key file' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l filename -d 'Name to store it under (default: its own)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from gcs" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l auth-url -d 'The Identity endpoint [env: OS_AUTH_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l username -d 'The user [env: OS_USERNAME]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l password -d 'The password [env: OS_PASSWORD]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l region -d 'The region [env: OS_REGION_NAME]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l container -d 'The container to download from' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l file -d 'The file in the container, with path' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l file-prefix -d 'Import every file under this prefix' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l filename -d 'Name to store it under (default: its own)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from openstack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l host -d 'The server\'s host name' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l port -d 'The server\'s port [default: 22]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l username -d 'The user to log in as' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l password -d 'The password [env: SSHPASS]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l private-key -d 'A private key (PEM), - for stdin' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l private-key-file -d 'Read the private key from a file' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l file -d 'The file to import, with path' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l path -d 'Import every file of this directory' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l filename -d 'Name to store it under (default: its own)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from sftp" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l filename -d 'The name to store the file under (default: the local file\'s name)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from base64" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l filename -d 'The name to store the file under (default: the local file\'s name)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from raw" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l from -d 'Upload every file listed in FILE, one a line' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s j -l jobs -d 'Files in flight at once' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l redirect -d 'Where the form sends the browser after' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l filename -d 'Name to store it under (default: its own)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l record -d 'Keep the run\'s record in FILE; run again to finish' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l task -d 'Send the file into this import/upload task' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l region -d 'CloudConvert region to pin, e.g. eu-central [env: CLOUDCONVERT_REGION]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l wait-timeout -d 'Stop waiting after SECS (exit 5)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l limit-rate -d 'Cap the upload rate, e.g. 200K or 1M' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l api-key -d 'CloudConvert API key [env: CLOUDCONVERT_API_KEY]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l api-url -d 'API origin, for proxies and tests [env: CLOUDCONVERT_API_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l sync-url -d 'Origin of the sync host that waits ask [env: CLOUDCONVERT_SYNC_URL]' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l config -d 'Config file [env: CLOUDCONVERT_CONFIG]' -r -F
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s o -l output -d 'Print tasks as json, table, or the id alone' -r -f -a "json\t'The task object (indented on a terminal, one line per task otherwise)'
table\t'A block per task, a table for task list'
id\t'The task id alone'"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l color -d 'Colour on stderr and in JSON on a terminal [env: NO_COLOR, TERM=dumb]' -r -f -a "auto\t'On a terminal, unless NO_COLOR or TERM=dumb'
always\t''
never\t''"
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l timeout -d 'Seconds to connect and for each API call' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l retries -d 'Retries of a failed call (429, 5xx, network)' -r
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s 0 -l null -d 'The --from list is NUL-separated'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s r -l recursive -d 'Upload every file under each DIR given'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s L -l follow-links -d 'Under -r, follow every link, also outside the directory'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l fail-fast -d 'Start no new file after a failure'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l form-only -d 'Create the task and print its upload form'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l watch -d 'Keep running: send each new file under the DIRs'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l wait -d 'Wait for the task to end, then print it'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l no-verify -d 'Skip the MD5 check of the stored file'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l sandbox -d 'Use the sandbox API [env: CLOUDCONVERT_SANDBOX=true]'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s q -l quiet -d 'No progress, notes or warnings on stderr; errors only'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l no-progress -d 'No progress bars or spinners; notes and warnings stay'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s v -l verbose -d 'Log each HTTP exchange to stderr; never a secret'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -l dry-run -d 'Send nothing: print the requests, secrets masked'
complete -c cloudconvert -n "__fish_cloudconvert_using_subcommand import; and __fish_seen_subcommand_from upload" -s h -l help -d 'Print help (see more with \'--help\')'
