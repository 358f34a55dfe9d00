/*
 * A titled white card holding one group of form fields on a 12-column grid, as Strapi's settings
 * pages lay out their forms. Layout only.
 */
import { Box, Flex, Grid, Typography } from '@strapi/design-system';
import * as React from 'react';

interface FormSectionProps {
  title: string;
  description?: string;
  children: React.ReactNode;
}

export const FormSection = ({ title, description, children }: FormSectionProps) => (
  <Box background="neutral0" hasRadius shadow="filterShadow" paddingTop={6} paddingBottom={6} paddingLeft={7} paddingRight={7}>
    <Flex direction="column" alignItems="stretch" gap={4}>
      <Flex direction="column" alignItems="stretch" gap={1}>
        <Typography variant="delta" tag="h2">
          {title}
        </Typography>
        {description && (
          <Typography variant="pi" textColor="neutral600">
            {description}
          </Typography>
        )}
      </Flex>
      <Grid.Root gap={5}>{children}</Grid.Root>
    </Flex>
  </Box>
);

/** A grid cell: half width on large screens, full width on small ones. */
export const Cell = ({ children, full }: { children: React.ReactNode; full?: boolean }) => (
  <Grid.Item col={full ? 12 : 6} s={12} direction="column" alignItems="stretch">
    {children}
  </Grid.Item>
);
