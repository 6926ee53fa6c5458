# technical
