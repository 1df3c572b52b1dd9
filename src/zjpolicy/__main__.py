from zjpolicy.cli import main

main()
